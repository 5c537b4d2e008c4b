/**
 * Takes a ledger back to before its latest versions, so a test can wake it as one a
 * deployment left behind. Each step undoes one version; a test before version N runs
 * every step from the latest down to N.
 */

/** Before the admission queue (version 9). */
export const undoAdmission = (sql: SqlStorage) =>
  sql.exec(`DROP TABLE admission_passes;
    ALTER TABLE event DROP COLUMN queue_enabled; ALTER TABLE event DROP COLUMN admit_per_minute;
    UPDATE ledger_version SET version = 8`);
