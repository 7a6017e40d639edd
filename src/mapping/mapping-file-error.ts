import { SluiceConfigError } from '../core/errors.js';

/** A mapping file that cannot be used: not YAML/JSON, not the mapping's shape, or inconsistent. */
export class SluiceMappingFileError extends SluiceConfigError {
  override name = 'SluiceMappingFileError';
  constructor(
    /** What is wrong and what to do; the message starts with `file:line:`. */
    problem: string,
    /** The mapping file, as given. */
    readonly file: string,
    /** 1-based line of the offending key or value, when known. */
    readonly line: number | undefined,
    /** Dotted path of the offending key, e.g. `tables.contact.columns.email.type`; '' for the whole file. */
    readonly key: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${key ? `${key}: ` : ''}${problem}`, 'mapping');
  }
}
