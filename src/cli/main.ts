// The `reachout` command's entry: tsup gives it the shebang; nothing imports it.
import { answerCommands } from './answerCommands.js';
import { contactCommands } from './contactCommands.js';
import { importCommands } from './importCommands.js';
import { meetingCommands } from './meetingCommands.js';
import { outreachCommands } from './outreachCommands.js';
import { defaultRuntime, runProgram, type CommandGroup } from './program.js';
import { workspaceCommands } from './workspaceCommands.js';

/** Every command, in the order `--help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [workspaceCommands, contactCommands, importCommands, outreachCommands, meetingCommands, answerCommands];

process.exitCode = await runProgram(process.argv.slice(2), defaultRuntime({ stdout: process.stdout, stderr: process.stderr, env: process.env }), COMMAND_GROUPS);
