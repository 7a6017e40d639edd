import { describe, expect, it } from 'vitest';
import { inferFrom } from './infer-from.js';

// Contact repeats only in the second document; Payment only under the first loan of the third.
const docs = [
  `<Order id="1"><Customer><Name>Ana</Name></Customer><Contacts><Contact>a@x</Contact></Contacts><Loans><Loan><Amount>5</Amount></Loan></Loans></Order>`,
  `<Order id="2"><Customer><Name>Bo</Name></Customer><Contacts><Contact>b@x</Contact><Contact>c@x</Contact></Contacts></Order>`,
  `<Order id="3"><Customer><Name>Cy</Name></Customer><Loans><Loan><Amount>7</Amount><Payment due="2024-01-01"/><Payment due="2024-02-01"/></Loan><Loan><Amount>8</Amount></Loan></Loans></Order>`,
];

describe('inference: elements that repeat in any sample', () => {
  it('become child tables with the record key and their position', async () => {
    const { mapping } = await inferFrom(docs);
    expect(Object.keys(mapping.tables)).toEqual(['order_', 'contact', 'loan', 'payment']);
    expect(mapping.tables.order_).toMatchObject({ from: '.', keyColumn: 'record_key', primaryKey: ['record_key'] });
    expect(mapping.tables.contact).toEqual({
      from: 'Contacts/Contact',
      keyColumn: 'record_key',
      primaryKey: ['record_key', 'position'],
      columns: {
        record_key: { value: '$key', type: 'integer', nullable: false },
        position: { value: '$index', type: 'integer', nullable: false },
        contact: { path: '.', type: 'text', nullable: false, maxLength: 50 },
      },
    });
  });

  it('a repeat inside a repeat carries its parent row position, from the parent table', async () => {
    const { mapping } = await inferFrom(docs);
    expect(mapping.tables.payment!.from).toBe('Loans/Loan/Payment');
    expect(mapping.tables.payment!.columns.loan_position).toEqual({ value: '$index', of: 'Loans/Loan', type: 'integer', nullable: false });
    expect(mapping.tables.payment!.columns.due).toMatchObject({ path: '@due', type: 'date' });
    expect(mapping.tables.loan!.columns).not.toHaveProperty('order__position');
  });

  it('elements that never repeat are flattened into their table as columns', async () => {
    const { mapping } = await inferFrom(docs);
    expect(mapping.tables.order_!.columns).toMatchObject({ id: { path: '@id', type: 'integer' }, name: { path: 'Customer/Name', type: 'text' } });
    expect(Object.keys(mapping.tables)).not.toContain('customer');
  });
});
