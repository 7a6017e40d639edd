import type { Command, Option } from 'commander';
import { redactUrl } from './endpoints.js';
import { applySettings, envName, loadConfigFile, settableOptions, type ConfigFile } from './settings.js';
import { UsageError } from './usage-error.js';

/** Environment variables the drivers read for credentials, so none need be on a command line. */
export const PASSWORD_VARIABLES = ['PGPASSWORD', 'SQLCMDPASSWORD'] as const;

const SECRET_NAME = /pass(word)?|pwd|secret|token/i;

/** A setting's value for display: URLs and connection strings without their passwords, secrets masked. */
export function maskValue(name: string, value: unknown): string {
  if (value === undefined) return '-';
  if (SECRET_NAME.test(name)) return '***';
  return typeof value === 'string' ? redactUrl(value) : JSON.stringify(value);
}

/** One line per setting: flag, value, and where the value came from. */
export function formatSettings(cmd: Command, config: ConfigFile | undefined, env: NodeJS.ProcessEnv): string {
  const from = (o: Option): string => {
    switch (cmd.getOptionValueSource(o.attributeName())) {
      case 'cli':
        return 'flag';
      case 'env':
        return `env ${envName(o)}`;
      case 'config':
        return `file ${config?.file ?? ''}`;
      case 'default':
        return 'default';
      default:
        return 'not set';
    }
  };
  const rows = settableOptions(cmd).map((o) => [o.long!, maskValue(o.attributeName(), cmd.getOptionValue(o.attributeName())), from(o)] as const);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.min(60, Math.max(...rows.map((r) => r[1].length)));
  const lines = [
    `sluice ${cmd.name()}: settings (flags > environment > config file > defaults)`,
    `config file: ${config?.file ?? 'none found (sluice.config.json|yaml|mjs from here up, or --config FILE)'}`,
    '',
    ...rows.map(([flag, value, source]) => `  ${flag.padEnd(w0)}  ${value.padEnd(w1)}  ${source}`),
    '',
    'credentials from the environment:',
    ...PASSWORD_VARIABLES.map((v) => `  ${v.padEnd(w0)}  ${env[v] ? '***' : '-'}`),
  ];
  return lines.join('\n');
}

/**
 * `sluice config [command] [flags…]`: the settings `command` (default `run`) would use, from flags,
 * environment, config file and defaults, with secrets masked. Nothing runs and nothing connects.
 */
export function registerConfigCommand(program: Command, buildProgram: () => Command, setExit: (code: number) => void): void {
  program
    .command('config')
    .description('print the settings a command would use (flags > SLUICE_* environment > sluice.config.* > defaults), secrets masked')
    .argument('[command]', 'the command whose settings to show', 'run')
    .argument('[flags...]', 'flags as you would give them to that command')
    .allowUnknownOption()
    .helpOption('-h, --help', 'display help for command')
    .action(async (name: string, flags: string[], own: { config?: string }) => {
      // A fresh copy of the program parses the flags of the other command, with its action replaced.
      const copy = buildProgram();
      const cmd = copy.commands.find((c) => c.name() === name && name !== 'config');
      if (!cmd) throw new UsageError(`sluice config ${name}: no such command; use one of ${copy.commands.filter((c) => c.name() !== 'config').map((c) => c.name()).join(', ')}`);
      for (const o of cmd.options) o.mandatory = false;
      const explicit = optionArg(flags, '--config') ?? own.config ?? (process.env.SLUICE_CONFIG || undefined);
      const config = await loadConfigFile(process.cwd(), explicit);
      applySettings(copy, cmd, config, process.env);
      let out = '';
      cmd.action(() => {
        out = formatSettings(cmd, config, process.env);
      });
      await copy.parseAsync([name, ...flags], { from: 'user' });
      process.stdout.write(`${out}\n`);
      setExit(0);
    });
}

/** The value of `--name X` or `--name=X` among raw arguments. */
export function optionArg(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    if (a === name) return args[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}
