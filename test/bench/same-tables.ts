import { expect } from 'vitest';

/**
 * The loop's tables equal the pipeline's, and the data was one that shows it: every record
 * logged, some failed (bad values and malformed documents), several tradelines a record.
 */
export function expectSameTables(pipeline: Record<string, unknown[]>, loop: Record<string, unknown[]>, records: number): void {
  expect(pipeline.processing_log).toHaveLength(records);
  expect(pipeline.processing_log!.filter((e) => (e as unknown[])[1] === 'failed').length).toBeGreaterThan(0);
  expect(pipeline.app_tradeline!.length).toBeGreaterThan(records * 4);
  expect(loop).toEqual(pipeline);
}
