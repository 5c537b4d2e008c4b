import { foldForSearch } from "../lib/search";

const BATCH = 200;
/** Bounded work per run: a few D1 queries, whatever the size of the backlog. */
const MAX_BATCHES_PER_RUN = 5;

const TABLES = [
  { table: "events", text: "title", folded: "title_folded" },
  { table: "attendees", text: "name", folded: "name_folded" },
] as const;

/**
 * Rows written before the folded columns existed are folded here, a batch at a time.
 * The update checks the text is still the one folded, so a concurrent rename wins.
 */
const foldBatch = async (db: D1Database, spec: (typeof TABLES)[number]): Promise<number> => {
  const { results } = await db
    .prepare(
      `SELECT id, ${spec.text} AS text FROM ${spec.table} WHERE ${spec.folded} IS NULL LIMIT ?`,
    )
    .bind(BATCH)
    .all<{ id: string; text: string }>();
  if (results.length === 0) return 0;
  const rows = results.map((r) => ({ id: r.id, text: r.text, folded: foldForSearch(r.text) }));
  await db
    .prepare(
      `UPDATE ${spec.table} SET ${spec.folded} = j.value ->> 'folded'
       FROM json_each(?) AS j
       WHERE ${spec.table}.id = j.value ->> 'id' AND ${spec.table}.${spec.text} = j.value ->> 'text'`,
    )
    .bind(JSON.stringify(rows))
    .run();
  return results.length;
};

/** Folds up to a bounded number of legacy rows; answers how many it folded. */
export const backfillSearchColumns = async (db: D1Database): Promise<number> => {
  let folded = 0;
  for (const spec of TABLES) {
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const done = await foldBatch(db, spec);
      folded += done;
      if (done < BATCH) break;
    }
  }
  return folded;
};
