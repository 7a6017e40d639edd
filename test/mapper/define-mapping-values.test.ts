import { describe, expect, it } from 'vitest';
import { column, defineMapping, parseXml, XmlField, type CellInput, type MappingSpec } from 'sluice';

const XML = `<Application id="77"><Source>web</Source>
  <Contacts>
    <Contact kind="home"><Name>Ana</Name><Email>  </Email><Phones><Phone>1</Phone><Phone>2</Phone></Phones></Contact>
    <Contact kind="work"><Name>Bo</Name><Email>bo@x.org</Email><Phones><Phone>3</Phone></Phones></Contact>
  </Contacts>
</Application>`;

const spec: MappingSpec = {
  tables: {
    phone: {
      from: 'Contacts/Contact/Phones/Phone',
      keyColumn: 'app_id',
      columns: {
        app_id: { ...column.integer(), value: '$key' },
        contact_seq: { ...column.integer(), value: '$index', of: 'Contacts/Contact' },
        seq: { ...column.integer(), value: '$index' },
        number: { ...column.text(), path: '.' },
        kind: { ...column.text(), path: '../../@kind' },
        app_attr: { ...column.text(), path: '/Application/@id' },
        source: { ...column.text(), path: '/Application/Source' },
        system: { ...column.text(), constant: 'crm' },
        email: { ...column.text({ nullable: true }), path: '../../Email', emptyAsNull: true },
        raw_email: { ...column.text({ nullable: true }), path: '../../Email' },
      },
    },
  },
};

function rows(mapping: MappingSpec, key = 77): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const plain = (v: CellInput) => (v instanceof XmlField ? (v.value ?? null) : v);
  defineMapping(mapping).map(parseXml(XML), {
    key,
    emit: (_t, row) => out.push(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))),
    skip: () => {},
  });
  return out;
}

describe('declarative mapping values', () => {
  it('reads parents (..), absolute paths, constants, the key, both indexes, and empty text as NULL when asked', () => {
    expect(rows(spec)).toEqual([
      { app_id: 77, contact_seq: 1, seq: 1, number: '1', kind: 'home', app_attr: '77', source: 'web', system: 'crm', email: null, raw_email: '  ' },
      { app_id: 77, contact_seq: 1, seq: 2, number: '2', kind: 'home', app_attr: '77', source: 'web', system: 'crm', email: null, raw_email: '  ' },
      { app_id: 77, contact_seq: 2, seq: 3, number: '3', kind: 'work', app_attr: '77', source: 'web', system: 'crm', email: 'bo@x.org', raw_email: 'bo@x.org' },
    ]);
  });

  it('an emptied value keeps its XML path for the error of a non-nullable column', () => {
    let field: unknown;
    defineMapping({ tables: { t: { from: 'Contacts/Contact', columns: { e: { ...column.text(), path: 'Email', emptyAsNull: true } } } } }).map(parseXml(XML), {
      key: 1,
      emit: (_t, row) => (field ??= row.e),
      skip: () => {},
    });
    expect(field).toBeInstanceOf(XmlField);
    expect([(field as XmlField).value, (field as XmlField).path]).toEqual([undefined, '/Application/Contacts/Contact[1]/Email']);
  });

  it('refuses a column with two sources, and a keyColumn that does not hold the key', () => {
    expect(() => defineMapping({ tables: { t: { from: '.', columns: { c: { ...column.text(), path: 'A', constant: 'x' } } } } })).toThrow(/t.c: give exactly one of path, value/);
    expect(() => defineMapping({ tables: { t: { from: '.', keyColumn: 'c', columns: { c: { ...column.text(), path: 'A' } } } } })).toThrow(/keyColumn "c" must be one of its columns, with value '\$key'/);
  });
});
