// Prints the PostgreSQL server lane's tests from a vitest JSON report, and fails unless
// every one of them ran and passed: CI must show the lane ran, never count a skip as a pass.
// Usage: node scripts/check-server-lane.mjs <vitest JSON report>
import { readFileSync } from 'node:fs';

const LANE = /test\/adapters\/postgres\/server\.test\.ts$/;
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tests = report.testResults.filter((file) => LANE.test(file.name)).flatMap((file) => file.assertionResults);
for (const test of tests) console.log(`${test.status === 'passed' ? '✓' : '✗'} ${test.status.padEnd(7)} ${test.fullName}`);
const notPassed = tests.filter((test) => test.status !== 'passed');
if (tests.length === 0 || notPassed.length > 0) {
  console.error(`\nThe PostgreSQL server lane must run in full: ${tests.length} tests found, ${notPassed.length} not passed.`);
  process.exit(1);
}
console.log(`\nPostgreSQL server lane: all ${tests.length} tests ran and passed.`);
