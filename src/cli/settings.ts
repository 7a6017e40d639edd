import { resolve } from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { lilconfig, type Loader } from 'lilconfig';
import { yamlLibrary } from '../core/lazy-require.js';
import { closest } from './closest.js';
import { UsageError } from './usage-error.js';

/** Where a config file is looked for, in order, from the working directory up. */
export const CONFIG_FILES = ['sluice.config.json', 'sluice.config.yaml', 'sluice.config.yml', 'sluice.config.mjs', 'sluice.config.js'] as const;

/** A config file found and read: settings by camelCase flag name. */
export interface ConfigFile {
  readonly file: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

// yaml is loaded only when a YAML config file is read.
const yamlLoader: Loader = (_file, content) => yamlLibrary().parse(content) as unknown;

/**
 * Finds and reads the config file: `explicit` (from `--config` or `SLUICE_CONFIG`), else the first
 * `sluice.config.{json,yaml,yml,mjs,js}` from `cwd` upwards. Undefined when there is none.
 */
export async function loadConfigFile(cwd: string, explicit: string | undefined): Promise<ConfigFile | undefined> {
  const explorer = lilconfig('sluice', { searchPlaces: [...CONFIG_FILES], loaders: { '.yaml': yamlLoader, '.yml': yamlLoader }, cache: false });
  let found;
  try {
    found = explicit === undefined ? await explorer.search(cwd) : await explorer.load(resolve(cwd, explicit));
  } catch (error) {
    const file = explicit ?? 'sluice.config.*';
    throw new UsageError(`cannot read config file ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!found) return undefined;
  const settings: unknown = found.config;
  if (settings === null || settings === undefined) return { file: found.filepath, settings: {} };
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    throw new UsageError(`${found.filepath}: a config file holds settings by flag name, e.g. { "source": "dir:./inbox", "batchSize": 500 }`);
  }
  return { file: found.filepath, settings: settings as Record<string, unknown> };
}

/** `SLUICE_BATCH_SIZE` for `--batch-size`; negated flags by their positive name (`SLUICE_PROGRESS=false`). */
export function envName(option: Option): string {
  return `SLUICE_${option.attributeName().replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Options a user can set: every one but help, version and --config itself. */
export function settableOptions(cmd: Command): Option[] {
  return cmd.options.filter((o) => o.long && o.long !== '--help' && o.long !== '--version' && o.attributeName() !== 'config');
}

/**
 * Gives `cmd` its values from the config file and the environment before commander reads the
 * flags, so the precedence is flags > environment > file > defaults: a flag parsed later
 * replaces a value of source 'env' or 'config', and required options are satisfied by either.
 * Config keys that no command knows are an error (with the nearest name); keys of other
 * commands are left alone, so one file serves `run`, `demo` and `tune`.
 */
export function applySettings(program: Command, cmd: Command, config: ConfigFile | undefined, env: NodeJS.ProcessEnv): void {
  const options = settableOptions(cmd);
  if (config) {
    const known = new Set(program.commands.flatMap((c) => settableOptions(c).map((o) => o.attributeName())));
    for (const key of Object.keys(config.settings)) {
      if (key === '$schema' || known.has(key)) continue;
      const near = closest(key, [...known]);
      throw new UsageError(`${config.file}: unknown setting "${key}"${near ? `; did you mean "${near}"?` : ''} (settings are flag names in camelCase, e.g. batchSize for --batch-size)`);
    }
    for (const o of options) {
      const v = config.settings[o.attributeName()];
      if (v !== undefined) cmd.setOptionValueWithSource(o.attributeName(), valueOf(o, v, `${config.file}: ${o.attributeName()}`), 'config');
    }
  }
  for (const o of options) {
    const v = env[envName(o)];
    if (v !== undefined && v !== '') cmd.setOptionValueWithSource(o.attributeName(), valueOf(o, v, envName(o)), 'env');
  }
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** A setting's value as the flag would have given it (through its parser), or a UsageError naming `where`. */
function valueOf(o: Option, v: unknown, where: string): unknown {
  if (!o.required && !o.optional) {
    // A switch: --retry-failed, or a negated one whose attribute is the positive name.
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    throw new UsageError(`${where} must be true or false; got "${String(v)}"`);
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new UsageError(`${where} must be a string or a number, as for ${o.long}`);
  const text = String(v);
  if (!o.parseArg) return text;
  try {
    return o.parseArg(text, undefined);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`${where}: ${error.message}`);
    throw error;
  }
}
