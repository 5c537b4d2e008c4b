/**
 * Versioned schemas for Durable Objects' SQLite: an object's tables live as long as the
 * object, so a deployed one keeps its old schema until a numbered step changes it. The
 * version is kept in a one-row table named for the object's kind.
 */
const versionTable = (name: string) =>
  `CREATE TABLE IF NOT EXISTS ${name} (version INTEGER NOT NULL)`;

export const schemaVersion = (sql: SqlStorage, table: string): number => {
  sql.exec(versionTable(table));
  return sql.exec<{ v: number | null }>(`SELECT max(version) AS v FROM ${table}`).one().v ?? 0;
};

/** Brings the object's tables to the latest version, all steps in one transaction. */
export const migrateSchema = (
  storage: DurableObjectStorage,
  table: string,
  steps: readonly string[],
) =>
  storage.transactionSync(() => {
    const from = schemaVersion(storage.sql, table);
    if (from >= steps.length) return;
    for (const step of steps.slice(from)) storage.sql.exec(step);
    storage.sql.exec(`DELETE FROM ${table}`);
    storage.sql.exec(`INSERT INTO ${table} (version) VALUES (?)`, steps.length);
  });
