// Every relative link of a README must lead somewhere where the README is read (the
// repository's web page, the npm page): to a file or folder git tracks, or to a heading.
// A generated or git-ignored file (docs/api/…) does not count: it exists only on the
// machine that built it. Plain Node.js, no dependency.
//
//   node scripts/check-readme-links.mjs [README.md]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

const readme = resolve(process.argv[2] ?? 'README.md');
const readmeDir = dirname(readme);

function git(args) {
  return execFileSync('git', args, { cwd: readmeDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let root;
try {
  root = git(['rev-parse', '--show-toplevel']).trim();
} catch {
  console.error(`${readme}: not inside a git repository, so there is nothing to check links against`);
  process.exit(2);
}

// Tracked files, plus new ones not yet added; never ignored ones.
const files = new Set(git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean));
const folders = new Set();
for (const file of files) {
  for (let at = file.indexOf('/'); at !== -1; at = file.indexOf('/', at + 1)) folders.add(file.slice(0, at));
}
const ignored = (path) => {
  try {
    git(['check-ignore', '-q', '--', path]);
    return true;
  } catch {
    return false;
  }
};

/** The Markdown's lines with fenced code blanked out and inline code turned to spaces, so offsets and line numbers hold. */
function proseLines(text) {
  let fence = null;
  return text.split(/\r?\n/).map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length && line.trim() === marker[1].trim()) fence = null;
      return '';
    }
    if (marker) {
      fence = marker[1];
      return '';
    }
    return line.replace(/(`+)(.+?)\1/g, (code) => ' '.repeat(code.length));
  });
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text) {
  const anchors = new Set();
  const seen = new Map();
  const lines = text.split(/\r?\n/);
  const prose = proseLines(text);
  prose.forEach((line, index) => {
    if (!/^ {0,3}#{1,6}(\s|$)/.test(line)) return;
    // Headings keep the text of their inline code, so take it from the original line.
    const heading = lines[index]
      .replace(/^ {0,3}#{1,6}\s*/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/`/g, '');
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  });
  for (const [, id] of text.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/g)) anchors.add(id);
  return anchors;
}

/** Every link target with its line: inline links and images, reference definitions, HTML href/src. */
function linksOf(text) {
  const links = [];
  proseLines(text).forEach((line, index) => {
    const patterns = [
      /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g,
      /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/g,
      /\b(?:href|src)="([^"]*)"/g,
    ];
    for (const pattern of patterns) {
      for (const match of line.matchAll(pattern)) links.push({ line: index + 1, target: match[1] });
    }
  });
  return links;
}

const text = readFileSync(readme, 'utf8');
const ownAnchors = anchorsOf(text);
const name = relative(process.cwd(), readme) || readme;
const problems = [];
let checked = 0;

for (const { line, target } of linksOf(text)) {
  // Absolute URLs (https:, mailto:, …) and protocol-relative ones are not ours to check.
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
  checked += 1;
  const hash = target.indexOf('#');
  const path = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
  const fragment = hash === -1 ? '' : decodeURIComponent(target.slice(hash + 1));
  const where = `${name}:${line}: ${target}`;
  if (path === '') {
    if (!ownAnchors.has(fragment)) problems.push(`${where}: no heading has this anchor`);
    continue;
  }
  const absolute = path.startsWith('/') ? join(root, path) : resolve(readmeDir, path);
  const inRepo = relative(root, absolute).split('\\').join('/');
  if (inRepo.startsWith('..') || isAbsolute(inRepo)) {
    problems.push(`${where}: leads outside the repository`);
    continue;
  }
  const key = inRepo.replace(/\/+$/, '');
  const tracked = files.has(key) || folders.has(key);
  if (!tracked || !existsSync(absolute)) {
    const why = existsSync(absolute) && ignored(key)
      ? 'exists here, but git ignores it (generated?), so it is missing where the README is read'
      : 'is not a file or folder in the repository';
    problems.push(`${where} ${why}`);
    continue;
  }
  // An anchor into another Markdown file must name one of its headings; other anchors (#L10) are not checked.
  if (fragment !== '' && /\.md$/i.test(key) && files.has(key) && !anchorsOf(readFileSync(absolute, 'utf8')).has(fragment)) {
    problems.push(`${where}: ${key} has no heading with this anchor`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.error(`\n${problems.length} of ${checked} relative links in ${name} lead nowhere. Link to files git tracks or to headings.`);
  process.exit(1);
}
console.log(`${name}: all ${checked} relative links lead to a tracked file, folder or heading.`);
