import { Command, CommanderError } from 'commander';
import { SluiceConfigError, SluiceConnectionError } from '../core/errors.js';
import { DemoDataError } from '../demo/seed-demo-database.js';
import { registerDemoCommand } from './demo-command.js';
import { registerRunCommand } from './run-command.js';
import { registerInitCommand } from './init-command.js';
import { registerEnqueueCommand } from './enqueue-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerInferCommand } from './infer-command.js';
import { EXIT, UsageError } from './usage-error.js';

/** Builds the `sluice` command line (commander: subcommands, help and flag errors done right). */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sluice')
    .description('Load XML records into relational databases: fast, bounded memory, nothing lost or duplicated.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemoCommand(program, setExit);
  registerRunCommand(program, setExit);
  registerInitCommand(program, setExit);
  registerEnqueueCommand(program, setExit);
  registerStatusCommand(program, setExit);
  registerInferCommand(program, setExit);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; resolves with the exit code. Usage errors print one line and give 2. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every flag error exits 2 (commander already printed it).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof SluiceConfigError) {
      process.stderr.write(`sluice: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof SluiceConnectionError || error instanceof DemoDataError) {
      process.stderr.write(`sluice: ${error.message}\n`);
      return EXIT.failed;
    }
    process.stderr.write(`sluice: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.failed;
  }
}
