import { describe, expect, it } from 'vitest';
import { SluiceConfigError } from 'sluice';
import { splitQuotedName } from '../../src/core/qualified-name.js';

const pg = (name: string) => splitQuotedName(name, '"', '"');
const mssql = (name: string) => splitQuotedName(name, '[', ']');

describe('splitting a table name by its dialect quotes', () => {
  it('splits on the dots outside quotes and unquotes the quoted parts, a doubled closing quote standing for one', () => {
    expect(pg('loans.app_xml')).toEqual(['loans', 'app_xml']);
    expect(pg('loans."a.b"')).toEqual(['loans', 'a.b']);
    expect(pg('"say ""hi"""')).toEqual(['say "hi"']);
    expect(mssql('[sandbox].[person]')).toEqual(['sandbox', 'person']);
    expect(mssql('dbo.[a.b]')).toEqual(['dbo', 'a.b']);
    expect(mssql('[x]]y]')).toEqual(['x]y']);
    expect(mssql('[ ]')).toEqual([' ']);
  });

  it('takes a quote that does not start a part as a character of the name', () => {
    expect(pg('a"b.c')).toEqual(['a"b', 'c']);
    expect(mssql('a[b.c')).toEqual(['a[b', 'c']);
  });

  it('refuses an unclosed quote and an empty part, naming the name', () => {
    expect(() => pg('loans."a.b')).toThrow(new SluiceConfigError('"loans."a.b" has a " without its closing "', 'table'));
    expect(() => mssql('[a.b')).toThrow('"[a.b" has a [ without its closing ]');
    expect(() => pg('loans..x')).toThrow('"loans..x" is not a valid table or column name');
    expect(() => pg(' .x')).toThrow('" .x" is not a valid table or column name');
    expect(() => mssql('.x')).toThrow(expect.objectContaining({ option: 'table' }));
    expect(() => mssql('dbo. ')).toThrow(SluiceConfigError);
    expect(() => pg('""')).toThrow('is not a valid table or column name');
  });
});
