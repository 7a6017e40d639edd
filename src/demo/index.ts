export {
  BAD_VALUE_RATE,
  CREDIT_APP_TABLES,
  DEFAULT_SEED,
  DOCUMENT_SHAPES,
  MALFORMED_RATE,
  generateApplication,
} from './credit-app-generator.js';
export type {
  BadValueDefect,
  CreditAppTable,
  DocumentShape,
  DocumentSize,
  ExpectedRow,
  ExpectedRows,
  GenerateOptions,
  GeneratedApplication,
  MalformedDefect,
  WireValue,
} from './credit-app-generator.js';
export { Rng, recordRng, recordSeed } from './prng.js';
