/**
 * Where links to this API start: `PUBLIC_URL` when set (a deployment behind a proxy or
 * a custom domain), otherwise the origin the request came to, so a server started on
 * any port links to itself.
 */
export const publicOrigin = (env: { PUBLIC_URL?: string }, requestUrl: string): string =>
  (env.PUBLIC_URL || new URL(requestUrl).origin).replace(/\/+$/, "");
