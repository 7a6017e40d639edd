import { describe, expect, it } from 'vitest';
import { column, type MappingSpec } from 'sluice';
import { compileMapping } from '../../src/mapper/mapping-extractor.js';
import { throughTree } from './extract.js';

const withPath = (path: string): MappingSpec => ({ tables: { t: { from: 'L/I', columns: { v: { ...column.text({ nullable: true }), path } } } } });
const xml = '<r kind="k"><L><I v="1"><N>n</N></I></L></r>';

// Parent steps and absolute paths read what lies outside the row's element, so these mappings
// are read through the element tree, as before; the rest compile.
describe('a mapping with paths that leave the row element', () => {
  it.each([
    ['a parent step', '../../@kind', 'k'],
    ['an absolute path', '/r/@kind', 'k'],
    ['a self step inside a path', './N', 'n'],
  ])('%s (%s) is not compiled, and the tree maps it', (_, path, value) => {
    expect(compileMapping(withPath(path))).toBeUndefined();
    expect(throughTree(withPath(path), xml).rows).toEqual([[value]]);
  });

  it.each([
    ['a from with a parent step', { tables: { t: { from: 'L/../L', columns: { v: { ...column.text({ nullable: true }), path: '@v' } } } } }],
    ['an of with a parent step', { tables: { t: { from: 'L/I', columns: { n: { ...column.integer({ nullable: true }), value: '$index', of: 'L/..' } } } } }],
    ['an attribute step before the last', withPath('@v/N')],
    ['an attribute without a name', withPath('N/@')],
    ['an attribute name that starts with a colon', withPath('@:v')],
  ] as [string, MappingSpec][])('%s is left to the tree, which reads it or says what is wrong', (_, spec) => {
    expect(compileMapping(spec)).toBeUndefined();
  });

  it('paths below the row element compile', () => {
    for (const path of ['N', '@v', '.', 'p:N']) expect(compileMapping(withPath(path)), path).toBeTypeOf('function');
  });

  it('more than 30 different child steps below one element go to the tree', () => {
    const columns = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`c${i}`, { ...column.text({ nullable: true }), path: `E${i}` }]));
    expect(compileMapping({ tables: { t: { from: '.', columns } } })).toBeUndefined();
    expect(compileMapping({ tables: { t: { from: '.', columns: Object.fromEntries(Object.entries(columns).slice(0, 30)) } } })).toBeTypeOf('function');
  });
});
