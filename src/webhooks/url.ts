/**
 * Where a webhook may be sent. Nothing is resolved here: a name is trusted to be public
 * (Workers' own fetch reaches only the public internet), and a host written as an address
 * is checked against the ranges no organizer's receiver lives in.
 */

const MAX_URL_LENGTH = 2048;

const V4_PRIVATE: readonly [number, number][] = [
  // [first address as a number, prefix length]
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata (169.254.169.254)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 3], // multicast and reserved, broadcast
];

const v4Number = (host: string): number | null => {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
};

const inV4Range = (address: number) =>
  V4_PRIVATE.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    return address >= base && address < base + size;
  });

/** An IPv6 literal's eight groups, or null; the URL parser already wrote it compressed. */
const v6Groups = (literal: string): number[] | null => {
  const [head = "", tail] = literal.split("::");
  const parse = (s: string) => (s ? s.split(":") : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // A trailing dotted quad (::ffff:1.2.3.4) is two groups; the parser writes it in hex already.
  const groups = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
};

const isV6Loopback = (groups: number[] | null): boolean => groups?.join(":") === "0:0:0:0:0:0:0:1";

const isPrivateV6 = (groups: number[]): boolean => {
  const [a = 0, , , , , f = 0, g = 0, h = 0] = groups;
  if (groups.every((x) => x === 0)) return true; // ::
  if (isV6Loopback(groups)) return true;
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7 (and metadata fd00:ec2::254)
  if ((a & 0xffc0) === 0xfe80) return true; // link-local
  if ((a & 0xff00) === 0xff00) return true; // multicast
  const mapped = groups.slice(0, 5).every((x) => x === 0) && f === 0xffff;
  const translated = a === 0x64 && groups[1] === 0xff9b; // 64:ff9b::/96 NAT64
  if (mapped || translated) return inV4Range(g * 65536 + h);
  return false;
};

const isLoopback = (host: string): boolean => {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = v4Number(host);
  if (v4 !== null) return v4 >>> 24 === 127;
  return host.startsWith("[") && isV6Loopback(v6Groups(host.slice(1, -1)));
};

/** Names that stand for the machine itself or its cloud's metadata service. */
const isInternalName = (host: string): boolean =>
  host === "localhost" ||
  host.endsWith(".localhost") ||
  host.endsWith(".internal") ||
  host === "metadata" ||
  !host.includes(".");

const isPrivateHost = (host: string): boolean => {
  const v4 = v4Number(host);
  if (v4 !== null) return inV4Range(v4);
  if (host.startsWith("[")) {
    const groups = v6Groups(host.slice(1, -1));
    return groups === null || isPrivateV6(groups);
  }
  return isInternalName(host);
};

/**
 * Why a URL cannot receive webhooks, or null when it can: `https://` to a public host;
 * with `allowLocal` (local development), also `http://` or `https://` to a loopback host.
 */
export const webhookUrlProblem = (input: string, allowLocal: boolean): string | null => {
  if (input.length > MAX_URL_LENGTH) return `Must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return "Must be an absolute URL";
  }
  if (url.username || url.password) return "Must not carry credentials: deliveries are signed";
  const host = url.hostname.toLowerCase();
  if (allowLocal && isLoopback(host) && (url.protocol === "http:" || url.protocol === "https:")) {
    return null;
  }
  if (url.protocol !== "https:") return "Must use https://";
  if (isPrivateHost(host)) {
    return "Must name a public host: private, loopback, link-local and metadata addresses are refused";
  }
  return null;
};

/** `WEBHOOKS_ALLOW_LOCAL=true` lets local development receive on its own machine. */
export const allowsLocal = (env: Pick<Env, "WEBHOOKS_ALLOW_LOCAL">): boolean =>
  env.WEBHOOKS_ALLOW_LOCAL === "true";
