import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { call, expectCall } from "../bench/client";
import { clientAddressOf } from "../client-address";
import { DEV_URL_FILE } from "../dev/serve";
import { ATTENDEES, EVENTS } from "./catalog";

const USAGE = `npm run seed -- [--url <base>]

Fills a running local API (npm start) with an organizer, a dozen events, attendees and
bookings, and prints the credentials it created. Safe to run again: every run makes new
accounts.

  --url  the API's base URL (default: where npm start serves, else http://127.0.0.1:8787)`;

const { values: flags } = parseArgs({
  options: { url: { type: "string" }, help: { type: "boolean", default: false } },
});
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
/** Where `npm start` said it serves, when it runs. */
const started = () => (existsSync(DEV_URL_FILE) ? readFileSync(DEV_URL_FILE, "utf8").trim() : null);
const base = (flags.url ?? started() ?? "http://127.0.0.1:8787").replace(/\/$/, "");
const run = randomBytes(3).toString("hex");
const iso = (fromNow: number) => new Date(Date.now() + fromNow).toISOString();

const seed = async () => {
  const password = `seed-${randomBytes(9).toString("base64url")}`;
  const email = `organizer-${run}@example.com`;
  const organizer = await expectCall(201, base, "POST", "/api/auth/register", {
    body: { name: "Seeded Events Ltd", email, password },
  });
  const token: string = organizer.token;

  const attendees = [];
  for (const [index, person] of ATTENDEES.entries()) {
    const first = (person.name.split(" ")[0] ?? "attendee")
      .normalize("NFD")
      .replace(/[^a-z]/gi, "");
    const attendeeEmail = `${first.toLowerCase()}-${run}@example.com`;
    const created = await expectCall(201, base, "POST", "/api/attendees", {
      body: { ...person, email: attendeeEmail },
      address: clientAddressOf(index),
    });
    attendees.push({ ...created.attendee, token: created.token as string });
  }

  let bookings = 0;
  const checkouts: string[] = [];
  for (const spec of EVENTS) {
    const event = await expectCall(201, base, "POST", "/api/events", {
      token,
      body: {
        title: spec.title,
        description: spec.description,
        country: spec.country,
        startDate: iso(spec.startsIn),
        endDate: iso(spec.startsIn + spec.lasts),
        capacity: spec.capacity,
        waitlistEnabled: spec.waitlistEnabled ?? false,
        ...(spec.cancelled ? { status: "cancelled" } : {}),
        ...(spec.price ? { price: spec.price.amount, currency: spec.price.currency } : {}),
      },
    });
    const booked: { id: string }[] = [];
    for (const attendee of attendees.slice(0, spec.bookers)) {
      // A full event without a waitlist refuses the latecomers: that is part of the picture.
      const res = await call(base, "POST", "/api/bookings", {
        token: attendee.token,
        body: { eventId: event.id, attendeeId: attendee.id },
      });
      if (res.status !== 201 && res.body?.code !== "event_full") {
        throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
      if (res.status === 201) booked.push(res.body as { id: string });
      const link = res.body?.payment?.checkoutUrl;
      if (typeof link === "string") checkouts.push(`${spec.title}: ${link}`);
    }
    const typeIds = new Map<string, string>();
    for (const type of spec.types ?? []) {
      const added = await expectCall(201, base, "POST", `/api/events/${event.id}/ticket-types`, {
        token,
        body: type,
      });
      typeIds.set(type.name, added.id);
    }
    for (const { types, ...code } of spec.codes ?? []) {
      const ticketTypeIds = types?.map((name) => typeIds.get(name) ?? name);
      await expectCall(201, base, "POST", `/api/events/${event.id}/promo-codes`, {
        token,
        body: { ...code, ...(ticketTypeIds ? { ticketTypeIds } : {}) },
      });
    }
    const buyer = attendees[spec.bookers];
    if (spec.order && buyer) {
      const items = spec.order.items.map(({ type, quantity }) => ({
        ticketTypeId: typeIds.get(type) ?? type,
        quantity,
      }));
      const res = await expectCall(201, base, "POST", "/api/bookings", {
        token: buyer.token,
        body: { eventId: event.id, attendeeId: buyer.id, items, promoCode: spec.order.promoCode },
      });
      booked.push(res);
      const link = res.payment?.checkoutUrl;
      if (typeof link === "string") checkouts.push(`${spec.title} (ticket types, code): ${link}`);
    }
    bookings += booked.length;
    // One cancellation on the waitlisted event, so its first waiting booking moves up.
    if (spec.waitlistEnabled && booked.length > spec.capacity && booked[0]) {
      await expectCall(200, base, "DELETE", `/api/bookings/${booked[0].id}`, { token });
    }
  }
  return { email, password, token, attendees, bookings, checkouts };
};

seed().then(
  ({ email, password, token, attendees, bookings, checkouts }) => {
    console.log(`Seeded ${base}: ${EVENTS.length} events, ${attendees.length} attendees, ${bookings} bookings.
Two events start a minute from now: within minutes the clock shows one completed, one ongoing.

Organizer (POST /api/auth/login, or "Authorize" in ${base}/docs):
  email     ${email}
  password  ${password}
  token     ${token}

Attendees (each token acts as that attendee only):`);
    for (const a of attendees)
      console.log(`  ${a.email.padEnd(32)} id ${a.id}\n    token ${a.token}`);
    console.log("\nPaid bookings waiting for payment (open a link, press Pay or Decline):");
    for (const line of checkouts) console.log(`  ${line}`);
  },
  (error) => {
    console.error(`seeding ${base} failed: ${error instanceof Error ? error.message : error}`);
    console.error("Is the API running? Start it with `npm start` in another terminal.");
    process.exit(1);
  },
);
