/**
 * The address of simulated client `n`, as Cloudflare would set CF-Connecting-IP for it:
 * limits kept per address then throttle one client, never a whole test or benchmark.
 */
export const clientAddressOf = (n: number) => `198.51.${(n >> 8) & 255}.${n & 255}`;
