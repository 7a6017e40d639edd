// The type of mapping-validator.generated.mjs (scripts/generate-mapping-validator.mjs): ajv's
// standalone validation function for schemas/mapping.schema.json.
import type { ErrorObject } from 'ajv';

/** True if `data` is a valid mapping (filling in the schema's defaults); otherwise false, with `errors` set (the first only). */
export declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
