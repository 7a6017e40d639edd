import { describe, expect, it } from 'vitest';
import { SluiceConfigError, fromArray, modulo, pipeline, type PipelineOptions } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER } from '../helpers/people.js';

const base = (): PipelineOptions => ({ source: fromArray([]), sink: new MemorySink(), mapper: PERSON_MAPPER });

describe('options', () => {
  it.each([
    ['workers', { workers: 0 }, /workers must be an integer from 1 to 256; got 0/],
    ['queueSize', { queueSize: 1.5 }, /queueSize must be an integer from 1 to 10000000; got 1.5/],
    ['batchSize', { batchSize: -1 }, /batchSize must be an integer from 1/],
    ['maxBatchWaitMillis', { maxBatchWaitMillis: 0 }, /maxBatchWaitMillis must be an integer from 1/],
    ['workerYoungGenerationMb', { workerYoungGenerationMb: 0 }, /workerYoungGenerationMb must be an integer from 1 to 1024; got 0/],
    ['maxFailureRate', { maxFailureRate: 2 }, /maxFailureRate must be from 0 to 1; got 2/],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }, /retry.maxAttempts must be an integer from 1/],
    ['parse.maxDepth', { parse: { maxDepth: 0 } }, /parse.maxDepth must be an integer from 1/],
    ['instanceId', { partition: { modulo: { index: 3, count: 3 } } }, /instanceId must be ≥ 0 and < instanceCount; got 3 and 3/],
  ])('a wrong %s throws SluiceConfigError naming it, before any work', (option, extra, message) => {
    const sink = new MemorySink();
    let error: unknown;
    try {
      pipeline({ ...base(), sink, ...extra });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SluiceConfigError);
    expect((error as SluiceConfigError).option).toBe(option.split('.')[0] === 'instanceId' ? 'instanceId' : option);
    expect((error as Error).message).toMatch(message);
    expect(sink.opened).toBe(false);
  });

  it('modulo() validates too', () => {
    expect(() => modulo(-1, 2)).toThrow(SluiceConfigError);
  });

  it('a mapper that cannot load fails run() before anything is read', async () => {
    const sink = new MemorySink();
    await expect(pipeline({ ...base(), sink, mapper: '/no/such/mapper.ts' }).run()).rejects.toThrow(/cannot load mapper \/no\/such\/mapper.ts/);
    expect(sink.opened).toBe(false);
  });
});
