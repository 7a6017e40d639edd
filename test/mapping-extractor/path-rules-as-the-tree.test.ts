import { describe, expect, it } from 'vitest';
import { column, type MappingSpec } from 'sluice';
import { extracted, throughTree } from './extract.js';

const text = (path: string, more: object = {}) => ({ ...column.text({ nullable: true }), path, ...more });
const table = (from: string, columns: MappingSpec['tables'][string]['columns']): MappingSpec => ({ tables: { t: { from, columns } } });

// Each case: a mapping, a document, and the rows the element tree gives, which the extractor
// must give too (compared with the tree, and with the rows written here).
const cases: { name: string; spec: MappingSpec; xml: string; rows: unknown[] }[] = [
  {
    name: 'a path follows the first element of each step, as value() does: a later match is not read',
    spec: table('.', { b: text('A/B'), c: text('A/C') }),
    xml: '<r><A><C>c1</C></A><A><B>b2</B><C>c2</C></A></r>',
    rows: [null, 'c1'],
  },
  {
    name: 'rows fan out at every step of from, in document order, with $index over all of them',
    spec: table('L/I', { n: { ...column.integer(), value: '$index' }, v: text('@v') }),
    xml: '<r><L><I v="1"/><I v="2"/></L><X><I v="no"/></X><L><I v="3"/></L></r>',
    rows: [1, '1', 2, '2', 3, '3'],
  },
  {
    name: 'an absolute from starts at the root, whose name must match',
    spec: { tables: { hit: { from: '/r/I', columns: { v: text('@v') } }, miss: { from: '/other/I', columns: { v: text('@v') } } } },
    xml: '<r><I v="1"/><I v="2"/></r>',
    rows: ['1', '2'],
  },
  {
    name: 'steps match local names across prefixes and default namespaces; a qualified step matches the name as written',
    spec: table('.', { local: text('B/C'), qualified: text('p:B/p:C'), wrong: text('q:B/C'), other: text('D') }),
    xml: '<r xmlns:p="urn:p" xmlns="urn:d"><p:B><p:C>x</p:C></p:B><p:XD>no</p:XD></r>',
    rows: ['x', 'x', null, null],
  },
  {
    name: 'an attribute is found by its qualified name, else by its local name; xmlns declarations are not attributes to find',
    spec: table('.', { id: text('@id'), qid: text('@p:id'), ns: text('@p'), missing: text('@other') }),
    xml: '<r xmlns:p="urn:p" p:id="7"/>',
    rows: ['7', '7', null, null],
  },
  {
    name: "an element's own text is all its direct text and CDATA, white space between children included; a child's text is not",
    spec: table('.', { own: text('.'), empty: text('E'), mixed: text('M') }),
    xml: '<r>a<x>no</x>b<![CDATA[<c>]]>&amp;<E/><M> 1 <y>2</y> 3 </M></r>',
    rows: ['ab<c>&', '', ' 1  3 '],
  },
  {
    name: 'entities of the DOCTYPE are expanded in text and attributes, elements in their replacement text included',
    spec: table('.', { v: text('V'), a: text('@a'), inner: text('W/I') }),
    xml: '<!DOCTYPE r [<!ENTITY e "expanded"><!ENTITY el "<I>in</I>">]><r a="&e;"><V>[&e;]</V><W>&el;</W></r>',
    rows: ['[expanded]', 'expanded', 'in'],
  },
  {
    name: 'default attributes of the DOCTYPE are read like written ones',
    spec: table('.', { d: text('@d') }),
    xml: '<!DOCTYPE r [<!ATTLIST r d CDATA "dflt">]><r/>',
    rows: ['dflt'],
  },
  {
    name: 'emptyAsNull makes blank text and attributes NULL; default fills what is absent (and blank, with emptyAsNull)',
    spec: table('I', {
      blank: text('B', { emptyAsNull: true }),
      kept: text('B'),
      flag: { ...column.boolean(), path: '@f', default: false },
      blankDefault: text('@b', { emptyAsNull: true, default: 'none' }),
    }),
    xml: '<r><I f="true" b="x"><B> </B></I><I b=" "/></r>',
    rows: [null, ' ', 1, 'x', null, null, 0, 'none'],
  },
  {
    name: '$key, constants, and $index of an enclosing element (of) in a nested table',
    spec: {
      tables: {
        loan: { from: 'L', columns: { k: { ...column.text(), value: '$key' }, n: { ...column.integer(), value: '$index' } } },
        pay: {
          from: 'L/P',
          columns: {
            loan: { ...column.integer(), value: '$index', of: 'L' },
            root: { ...column.integer(), value: '$index', of: '.' },
            none: { ...column.integer({ nullable: true }), value: '$index', of: 'X/Y' },
            src: { ...column.text(), constant: 'crm' },
            amt: text('.'),
          },
        },
        // After an L has closed, a Q outside every L has no enclosing L; an X without a Y is no X/Y;
        // an absolute of path counts only under a root of its name.
        stray: {
          from: 'X/Q',
          columns: {
            loan: { ...column.integer({ nullable: true }), value: '$index', of: 'L' },
            xy: { ...column.integer({ nullable: true }), value: '$index', of: 'X/Y' },
            x: { ...column.integer({ nullable: true }), value: '$index', of: '/r/X' },
            elsewhere: { ...column.integer({ nullable: true }), value: '$index', of: '/other/X' },
          },
        },
      },
    },
    xml: '<r><L><P>1</P></L><X><Q/></X><L/><L><P>2</P><P>3</P></L></r>',
    rows: ['K', 1, 'K', 2, 'K', 3, /* pay */ 1, 1, null, 'crm', '1', 3, 1, null, 'crm', '2', 3, 1, null, 'crm', '3', /* stray */ null, null, 1, null],
  },
];

describe('the extractor reads paths by the rules of the element tree', () => {
  it.each(cases)('$name', ({ spec, xml, rows }) => {
    const key = 'K';
    const tree = throughTree(spec, xml, key);
    const fast = extracted(spec, xml, key);
    expect(tree.error).toBeUndefined();
    expect(fast.error).toBeUndefined();
    expect(fast.rows).toEqual(tree.rows);
    expect(fast.rows!.flat()).toEqual(rows);
  });
});
