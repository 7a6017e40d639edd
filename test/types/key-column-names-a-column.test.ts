import { describe, expect, it } from 'vitest';
import { column, defineMapper } from 'sluice';

// Checked by `npm run typecheck` (tsc over test/): an unused @ts-expect-error is a compile error there.

describe('TableDef.keyColumn in its type', () => {
  it('accepts one of the table’s columns and rejects any other name', () => {
    const mapper = defineMapper({
      tables: {
        person: { columns: { id: column.integer(), name: column.text() }, keyColumn: 'id' },
        // @ts-expect-error "person_id" is not a column of phone
        phone: { columns: { owner: column.integer(), number: column.text() }, keyColumn: 'person_id' },
      },
      map() {},
    });
    expect(mapper.tables.person.keyColumn).toBe('id');
  });
});
