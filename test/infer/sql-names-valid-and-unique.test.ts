import { describe, expect, it } from 'vitest';
import { inferFrom } from './infer-from.js';

describe('inference: table and column names', () => {
  it('are snake_case ASCII, not reserved, and unique in their scope', async () => {
    const xml = `<Select Größe="1" HTTPCode="2" from="3" _9lives="4"><e-mail>x</e-mail><A><Name>n</Name></A><B><Name>m</Name></B><Position>p</Position></Select>`;
    const { mapping } = await inferFrom([xml], { dialect: 'mssql' });
    expect(Object.keys(mapping.tables)).toEqual(['select_']);
    expect(Object.keys(mapping.tables.select_!.columns)).toEqual(['record_key', 'grosse', 'http_code', 'from_', 'n9lives', 'e_mail', 'a_name', 'b_name', 'position']);
  });

  it('cut to the dialect’s length limit, and stay unique once cut', async () => {
    const long = 'A'.repeat(70);
    const xml = `<R><${long}1>x</${long}1><${long}2>y</${long}2><Item/><Item/></R>`;
    const pg = Object.keys((await inferFrom([xml], { dialect: 'postgres' })).mapping.tables.r!.columns);
    expect(pg.slice(1)).toEqual(['a'.repeat(63), `${'a'.repeat(61)}_2`]);
    const ms = Object.keys((await inferFrom([xml], { dialect: 'mssql' })).mapping.tables.r!.columns);
    expect(ms.slice(1)).toEqual([`${'a'.repeat(70)}1`, `${'a'.repeat(70)}2`]);
  });

  it('keep a child table’s columns clear of its key and position columns, and tables clear of processing_log', async () => {
    const xml = `<processing_log><Item position="1"><record_key>k</record_key></Item><Item position="2"><record_key>k</record_key></Item></processing_log>`;
    const { mapping } = await inferFrom([xml]);
    expect(Object.keys(mapping.tables)).toEqual(['processing_log_2', 'item']);
    expect(Object.keys(mapping.tables.item!.columns)).toEqual(['record_key', 'position', 'position_2', 'record_key_2']);
  });
});
