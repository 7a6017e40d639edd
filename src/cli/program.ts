import { Command, CommanderError } from 'commander';
import { SLUICE_VERSION } from '../core/version.js';
import { SluiceConfigError, SluiceConnectionError } from '../core/errors.js';
import { DemoDataError } from '../demo/seed-demo-database.js';
import { registerDemoCommand } from './demo-command.js';
import { registerRunCommand } from './run-command.js';
import { registerInitCommand } from './init-command.js';
import { registerEnqueueCommand } from './enqueue-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerInferCommand } from './infer-command.js';
import { registerTuneCommand } from './tune-command.js';
import { registerConfigCommand, optionArg } from './config-command.js';
import { applySettings, loadConfigFile } from './settings.js';
import { closest } from './closest.js';
import { EXIT, UsageError } from './usage-error.js';

/** Builds the `sluice` command line (commander: subcommands, help and flag errors done right). */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sluice')
    .description('Load XML records into relational databases: fast, bounded memory, nothing lost or duplicated.')
    .version(SLUICE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemoCommand(program, setExit);
  registerRunCommand(program, setExit);
  registerInitCommand(program, setExit);
  registerEnqueueCommand(program, setExit);
  registerStatusCommand(program, setExit);
  registerInferCommand(program, setExit);
  registerTuneCommand(program, setExit);
  registerConfigCommand(program, () => buildProgram(() => {}), setExit);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.option('--config <file>', 'settings file (default: sluice.config.json|yaml|mjs from the working directory up); or SLUICE_CONFIG');
  }
  return program;
}

/** Runs the CLI; resolves with the exit code. Usage errors print one line and give 2. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    await prepareSettings(program, argv.slice(2), process.env);
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

/** Gives the command about to run its values from the config file and SLUICE_* variables (flags, parsed next, win). */
async function prepareSettings(program: Command, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const name = args.find((a) => !a.startsWith('-'));
  const cmd = program.commands.find((c) => c.name() === name);
  if (!cmd || name === 'config' || args.includes('--help') || args.includes('-h')) return;
  rejectUnknownFlags(cmd, args);
  const config = await loadConfigFile(process.cwd(), optionArg(args, '--config') ?? (env.SLUICE_CONFIG || undefined));
  applySettings(program, cmd, config, env);
}

/**
 * An unknown long flag, with the nearest known one. Commander reports a missing required option
 * first, so `--sorce x` would say "--source not specified" instead of pointing at the typo.
 */
function rejectUnknownFlags(cmd: Command, args: readonly string[]): void {
  const known = cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));
  for (const a of args) {
    if (a === '--') return;
    if (!a.startsWith('--')) continue;
    const flag = a.split('=')[0]!;
    if (known.includes(flag)) continue;
    const near = closest(flag, known);
    throw new UsageError(`unknown option '${flag}'${near ? `; did you mean ${near}?` : ''}`);
  }
}
