import { describe, expect, it } from 'vitest';
import { qualify } from '../../src/core/qualified-name.js';
import { postgresNameParts, quoteIdent } from '../../src/adapters/postgres/postgres-driver.js';
import { nameParts as mssqlNameParts, quoteName } from '../../src/adapters/mssql/mssql-driver.js';

describe('qualify puts a name in the schema unless the dialect splits it into parts', () => {
  it('PostgreSQL: a plain name goes into the schema, a qualified one stays', () => {
    expect(qualify('person', 'loans', postgresNameParts)).toBe('loans.person');
    expect(qualify('other.person', 'loans', postgresNameParts)).toBe('other.person');
    expect(qualify('"Other"."my.table"', 'loans', postgresNameParts)).toBe('"Other"."my.table"');
  });

  it('PostgreSQL: a dot inside double quotes does not qualify the name', () => {
    expect(qualify('"a.b"', 'loans', postgresNameParts)).toBe('loans."a.b"');
    expect(quoteIdent(qualify('"a.b"', 'loans', postgresNameParts))).toBe('"loans"."a.b"');
    expect(quoteIdent(qualify('"say ""a.b"""', 'loans', postgresNameParts))).toBe('"loans"."say ""a.b"""');
  });

  it('SQL Server: a dot inside brackets does not qualify the name', () => {
    expect(qualify('person', 'loans', mssqlNameParts)).toBe('loans.person');
    expect(qualify('dbo.person', 'loans', mssqlNameParts)).toBe('dbo.person');
    expect(qualify('[a.b]', 'loans', mssqlNameParts)).toBe('loans.[a.b]');
    expect(quoteName(qualify('[a.b]', 'loans', mssqlNameParts))).toBe('[loans].[a.b]');
  });

  it('without a schema the name is left as it is', () => {
    expect(qualify('"a.b"', undefined, postgresNameParts)).toBe('"a.b"');
    expect(qualify('[a.b]', undefined, mssqlNameParts)).toBe('[a.b]');
  });
});
