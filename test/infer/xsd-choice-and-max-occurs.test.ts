import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferMappingFromXsd } from 'sluice';

const xsd = readFileSync(new URL('../fixtures/xsd/order.xsd', import.meta.url), 'utf8');

describe('inference from an XSD', () => {
  it('makes tables of what may repeat: maxOccurs on an element, or on the sequence around it', () => {
    const { mapping } = inferMappingFromXsd({ xsd });
    expect(Object.keys(mapping.tables)).toEqual(['order_', 'line', 'discount', 'tag']);
    expect(mapping.tables.line!.from).toBe('Lines/Line');
    expect(mapping.tables.tag!.from).toBe('Tag');
    expect(mapping.tables.discount!.columns.line_position).toMatchObject({ value: '$index', of: 'Lines/Line' });
  });

  it('makes the members of a choice and minOccurs="0" nullable, required ones not', () => {
    const c = inferMappingFromXsd({ xsd }).mapping.tables.order_!.columns;
    expect(c.email).toMatchObject({ nullable: true });
    expect(c.phone).toMatchObject({ nullable: true });
    expect(c.placed).toMatchObject({ type: 'date', nullable: false });
    expect(c.signed).toMatchObject({ nullable: true });
  });

  it('types columns from simple types and their restrictions', () => {
    const t = inferMappingFromXsd({ xsd, keyType: 'text' }).mapping.tables;
    expect(t.order_!.columns).toMatchObject({ id: { type: 'bigint' }, status: { type: 'text', maxLength: 7 }, record_key: { type: 'text', maxLength: 450 } });
    expect(t.line!.columns).toMatchObject({ qty: { type: 'integer' }, price: { type: 'decimal', precision: 10, scale: 2 }, sku: { type: 'text', maxLength: 12, path: '@sku' } });
    // Simple content: the element's own value, extended with an attribute.
    expect(t.discount!.columns).toMatchObject({ discount: { path: '.', type: 'decimal', precision: 10, scale: 2 }, code: { path: '@code', nullable: false } });
  });

  it('says what it could not map or had to assume, by path', () => {
    expect(inferMappingFromXsd({ xsd }).unmapped).toEqual([
      '/Order: xs:any: elements it allows are not mapped',
      '/Order/Signed: xs:time has no column type here: loaded as text',
    ]);
    expect(() => inferMappingFromXsd({ xsd, root: 'Nope' })).toThrow('the schema has no global element "Nope"; it has: Order');
  });
});
