// Vitest global setup: says once, at the top of `npm test`, whether the PostgreSQL tests run and,
// when they are skipped, why and how to run them (a skipped suite's name is not printed otherwise).
import { IN_CI, probePostgres } from '../helpers/postgres.js';

export default async function postgresNotice(): Promise<void> {
  const probe = await probePostgres();
  if (probe.ok) {
    process.stdout.write('PostgreSQL tests: running against SLUICE_PG_URL.\n');
  } else if (IN_CI) {
    process.stdout.write(`PostgreSQL tests: will FAIL (CI=true requires PostgreSQL): ${probe.reason}.\n`);
  } else {
    process.stdout.write(
      `PostgreSQL tests: SKIPPED: ${probe.reason}. To run them: SLUICE_PG_URL=postgres://user@127.0.0.1:5432/db npm test\n`,
    );
  }
}
