/** The `{ data, pagination }` envelope of every list endpoint. */
export const pageOf = <T>(data: T[], paging: { limit: number; offset: number }, total: number) => ({
  data,
  pagination: { limit: paging.limit, offset: paging.offset, total },
});
