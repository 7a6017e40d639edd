import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMappingFile } from 'sluice';
import { generateApplication, type DocumentShape } from '../../src/demo/index.js';
import { extracted, throughTree } from './extract.js';

const mappingFile = (shape: DocumentShape) => fileURLToPath(new URL(`../../examples/credit-app/${shape}-mapping.yaml`, import.meta.url));

// The generator's documents: prefixes, default namespaces, CDATA, entities, optional elements
// and its deliberately bad records (impossible dates, bad amounts, truncated documents).
describe.each(['elements', 'attributes'] as const)('the example mapping of %s-shape documents', (shape) => {
  it('gives the rows the element tree gives, document for document, and fails only where the tree fails', () => {
    const spec = loadMappingFile(mappingFile(shape));
    let compared = 0;
    let failed = 0;
    for (let key = 1; key <= 600; key++) {
      const xml = generateApplication(key, { size: 'medium', shape }).xml;
      const tree = throughTree(spec, xml, key);
      const fast = extracted(spec, xml, key);
      if (tree.rows === undefined) {
        failed++;
        expect(fast.rows, `record ${key} failed through the tree (${tree.error}) but not through the extractor`).toBeUndefined();
        continue;
      }
      expect(fast.error, `record ${key}`).toBeUndefined();
      expect(fast.rows, `record ${key}`).toEqual(tree.rows);
      compared++;
    }
    expect(compared).toBeGreaterThan(550);
    expect(failed).toBeGreaterThan(0);
  });
});
