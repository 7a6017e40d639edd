import { fromArray, inferMapping, type InferOptions, type InferResult } from 'sluice';

/** Infers a mapping from documents written by the test, keyed 1, 2, 3, ... */
export function inferFrom(docs: readonly string[], options: Omit<InferOptions, 'source'> = {}): Promise<InferResult> {
  return inferMapping({ ...options, source: fromArray(docs.map((payload, i) => ({ key: i + 1, payload }))) });
}
