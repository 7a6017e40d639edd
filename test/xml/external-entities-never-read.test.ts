import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XmlForbiddenError, parseXml } from '../../src/xml/index.js';

const canary = join(mkdtempSync(join(tmpdir(), 'sluice-xxe-')), 'secret.txt');
writeFileSync(canary, 'CANARY-51b2');
let requests = 0;
const server = createServer((_, res) => {
  requests++;
  res.end('<!ENTITY leak "CANARY-http">');
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function outcome(xml: string): string {
  try {
    return `parsed: ${parseXml(xml).root.text()}`;
  } catch (err) {
    if (!(err instanceof XmlForbiddenError)) throw err;
    expect(err.construct).toBe('external-entity');
    return err.message;
  }
}

describe('an external DTD or entity is never fetched or read', () => {
  it('a reference to an external entity fails the record, naming the entity; neither file nor URL is read', () => {
    expect(outcome(`<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://${canary}">]><d>&xxe;</d>`)).toMatch(/^1:\d+: entity &xxe; is external \("file:\/\/.*secret.txt"\), and Sluice never fetches or reads an external entity/);
    expect(outcome(`<!DOCTYPE d [<!ENTITY web PUBLIC "-//X//EN" "${base}/e.xml">]><d a="&web;"/>`)).toMatch(/entity &web; is external/);
  });

  it('an external DTD is not read; an entity it might declare fails as possibly external', () => {
    expect(outcome(`<!DOCTYPE d SYSTEM "${base}/d.dtd"><d>x</d>`)).toBe('parsed: x');
    expect(outcome(`<!DOCTYPE d SYSTEM "file://${canary}"><d>&leak;</d>`)).toMatch(/entity &leak; is not declared in the document; it may be declared in the external DTD "file:\/\/.*", which Sluice never reads/);
  });

  it('an external parameter entity is not read, and declarations after it are not processed (XML 1.0 §5.1)', () => {
    const xml = `<!DOCTYPE d [<!ENTITY before "ok"><!ENTITY % ext SYSTEM "${base}/p.dtd"> %ext; <!ENTITY after "overridable"><!ATTLIST d a CDATA "default">]><d>&before;</d>`;
    expect(outcome(xml)).toBe('parsed: ok');
    expect(parseXml(xml).root.attr('a')).toBeUndefined();
    expect(outcome(xml.replace('&before;', '&after;'))).toMatch(/entity &after; is not declared .* in the external parameter entity %ext;/);
  });

  it('made no request and leaked nothing', () => {
    expect(requests).toBe(0);
  });
});
