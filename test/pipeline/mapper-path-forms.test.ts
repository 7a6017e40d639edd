import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, SluiceConfigError } from 'sluice';
import type * as Sluice from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml, tempDir } from '../helpers/people.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const records = () => fromArray([1, 2].map((id) => ({ key: id, payload: personXml(id) })));
const load = (mapper: string | URL, extra: object = {}) => pipeline({ source: records(), sink: new MemorySink(), mapper, workers: 1, ...extra }).run();

const JS_MAPPER = `export default {
  tables: { person: { columns: { id: { type: 'integer', nullable: false } } } },
  map(doc, ctx) { ctx.emit('person', { id: ctx.key }); },
};
`;

/** A plain-JS mapper in a folder whose name has a space. */
function mapperInSpacedFolder(): string {
  const dir = join(tempDir(), 'my mappers');
  mkdirSync(dir);
  const file = join(dir, 'mapper.js');
  writeFileSync(file, JS_MAPPER);
  return file;
}

describe('mapper paths', () => {
  it('a file: URL with a space in a folder name loads (%20 decoded), in the built package', async () => {
    // The built package, whose worker imports the mapper natively (the sources' dev worker goes through jiti).
    const built = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as typeof Sluice;
    const url = pathToFileURL(mapperInSpacedFolder());
    expect(url.href).toContain('%20');
    const report = await built.pipeline({ source: built.fromArray([{ key: 1, payload: '<a/>' }]), sink: new MemorySink(), mapper: url, workers: 1 }).run();
    expect(report.counts.succeeded).toBe(1);
  });

  it('a relative string path is relative to the working directory', async () => {
    expect((await load(relative(process.cwd(), PERSON_MAPPER))).counts.succeeded).toBe(2);
  });

  it('a .ts mapper named from compiled code says to use the .js it was compiled to', async () => {
    const js = mapperInSpacedFolder();
    await expect(load(js.replace(/\.js$/, '.ts'))).rejects.toThrow(/the app looks compiled \(.*mapper\.js exists\): name the mapper with its \.js extension/);
  });

  it('workerFile names the worker entry of a bundled app, and a missing one is a config error', async () => {
    mkdirSync(join(ROOT, '.scratch'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, '.scratch', 'bundle-'));
    copyFileSync(join(ROOT, 'dist', 'worker.js'), join(dir, 'worker.js'));
    expect((await load(PERSON_MAPPER, { workerFile: pathToFileURL(join(dir, 'worker.js')) })).counts.succeeded).toBe(2);
    const missing = join(tempDir(), 'worker.js');
    await expect(load(PERSON_MAPPER, { workerFile: missing })).rejects.toThrow(SluiceConfigError);
    await expect(load(PERSON_MAPPER, { workerFile: missing })).rejects.toThrow(`workerFile ${missing} does not exist; copy node_modules/sluice/dist/worker.js there`);
  });
});
