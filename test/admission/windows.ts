/** The most instants in any half-open window [t, t + width) that starts at one of them. */
export const busiestWindow = (times: readonly number[], width: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + width)
      end++;
    most = Math.max(most, end - start);
  }
  return most;
};
