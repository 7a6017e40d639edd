// Used only when Sluice runs from its TypeScript sources (its own test suite):
// loads the worker through jiti, as the built package loads dist/worker.js.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const mod = await jiti.import('./worker.ts');
export default mod.default;
export const describe = mod.describe;
