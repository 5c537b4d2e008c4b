/** D1 caps a bound string at 2 MB; rows travel as JSON parameters of at most this many bytes. */
export const JSON_PARAM_BYTES = 1_000_000;

const encoder = new TextEncoder();

/**
 * Splits rows into JSON arrays under the parameter limit, one statement each, one batch
 * for all. Sizes are counted in UTF-8 bytes, as D1 counts them: a text of accented or
 * non-Latin characters weighs up to three times its length.
 */
export const jsonParams = (rows: readonly unknown[]): string[] => {
  const params: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = encoder.encode(json).byteLength;
    if (current.length > 0 && bytes + size + 1 > JSON_PARAM_BYTES) {
      params.push(`[${current.join(",")}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size + 1;
  }
  if (current.length > 0) params.push(`[${current.join(",")}]`);
  return params;
};
