// npm run verify-ticket -- <qr> [--keys url|file]: is this QR code a ticket, for which event?
import { DEFAULT_KEYS, loadKeySet, verifyQr } from "./verify";

const args = process.argv.slice(2);
const at = args.indexOf("--keys");
const keys = at >= 0 ? args[at + 1] : DEFAULT_KEYS;
const qr = args.find((arg, i) => !arg.startsWith("--") && (at < 0 || i !== at + 1));
if (!qr || !keys) {
  console.error("usage: npm run verify-ticket -- <qr> [--keys <url or file of the JWK set>]");
  process.exit(2);
}
const verdict = await verifyQr(qr.trim(), await loadKeySet(keys));
if (verdict.valid) {
  console.log(`valid ticket ${verdict.ticketId}`);
  console.log(`  event        ${verdict.eventId}`);
  console.log(`  ticket type  ${verdict.ticketTypeId}`);
  console.log(`  issued       ${verdict.issuedAt}`);
  console.log(`  signed by    ${verdict.kid}`);
} else {
  console.log(`INVALID: ${verdict.reason}`);
  process.exit(1);
}
