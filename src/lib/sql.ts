/** What a D1 or Durable Object SQLite statement binds. */
export type SqlValue = string | number | null;

/**
 * Numbered bindings made from one record, column by name: `a = ?2, b = ?3` and the values
 * in that order, so no hand-kept list of `?17`s falls out of step with its columns.
 * Column names come from the code, never from input.
 */
export const assignments = (values: Readonly<Record<string, SqlValue>>, firstIndex = 1) => {
  const entries = Object.entries(values);
  return {
    sql: entries.map(([column], i) => `${column} = ?${firstIndex + i}`).join(", "),
    values: entries.map(([, value]) => value),
  };
};

/** `(a, b)` and `?1, ?2` for an INSERT, from one record, with the values in that order. */
export const insertion = (values: Readonly<Record<string, SqlValue>>) => {
  const entries = Object.entries(values);
  return {
    columns: entries.map(([column]) => column).join(", "),
    placeholders: entries.map((_, i) => `?${i + 1}`).join(", "),
    values: entries.map(([, value]) => value),
  };
};
