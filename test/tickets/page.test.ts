import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ticketKeys } from "../../src/tickets/keys";
import { signPageKey } from "../../src/tickets/page-key";
import { anyone, as, bodyOf, expectProblem, raw } from "../client";
import { BASE } from "../helpers";
import { confirmedBooking, ticketsOf } from "./helpers";
import { decodeQrSvg } from "./qr-decode";

/** The page at a link, as a browser opens it: HTML, so read as text. */
const page = (url: string) => {
  const { pathname, search } = new URL(url);
  return raw("GET", `${pathname}${search}`);
};

const bookingAs = async (token: string, id: string) =>
  bodyOf(await as(token).api.bookings[":id"].$get({ param: { id } }), 200);

const linkOf = async (token: string, id: string) => (await bookingAs(token, id)).ticketsUrl ?? "";

const pageAt = (bookingId: string, key: string) =>
  anyone.tickets[":bookingId"].$get({ param: { bookingId }, query: { key } });

describe("GET /tickets/{bookingId}?key=", () => {
  it("is linked from the confirmed booking its attendee reads, and shows each ticket's QR code", async () => {
    const { organizer, attendee, booking } = await confirmedBooking(3);
    const url = await linkOf(attendee.token, booking.id);
    expect(url).toMatch(new RegExp(`^${BASE}/tickets/${booking.id}\\?key=[0-9a-z]+\\.[\\w-]{86}$`));
    // The link is the same on every read; the organizer's read carries none.
    expect(await linkOf(attendee.token, booking.id)).toBe(url);
    expect(await bookingAs(organizer.token, booking.id)).not.toHaveProperty("ticketsUrl");

    const res = await page(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[0-9a-f]{32}';/);
    expect(csp).not.toMatch(/script-src|unsafe/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = res.text;
    expect(html).not.toMatch(/<script|javascript:|src=|href=/i);
    expect(html).toContain('name="viewport"');

    // Each SVG decodes to the very JWS the API returns, in seat order.
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    const tickets = await ticketsOf(booking.id, attendee.token);
    expect(svgs.map(decodeQrSvg)).toEqual(tickets.map((t) => t.qr));
  });

  it("refuses a key of another booking, an altered key and an expired one", async () => {
    const { attendee, booking } = await confirmedBooking(1);
    const other = await confirmedBooking(1);
    const url = await linkOf(attendee.token, booking.id);
    const key = new URL(url).searchParams.get("key") ?? "";
    await expectProblem(await pageAt(other.booking.id, key), 404, "not_found");
    const altered = `${key.slice(0, -2)}${key.endsWith("AA") ? "BA" : "AA"}`;
    await expectProblem(await pageAt(booking.id, altered), 404, "not_found");
    await expectProblem(await pageAt(booking.id, "junk"), 404, "not_found");
    // Without the key the route requires: only the untyped way in leaves it out.
    expect((await raw("GET", `/tickets/${booking.id}`)).status).toBe(422);

    const expired = await signPageKey(
      await ticketKeys(env),
      booking.id,
      Math.floor(Date.now() / 1000) - 60,
    );
    await expectProblem(await pageAt(booking.id, expired), 403, "forbidden");
  });

  it("shows a cancelled booking's tickets as revoked", async () => {
    const { attendee, booking } = await confirmedBooking(1);
    const url = await linkOf(attendee.token, booking.id);
    const cancelled = await as(attendee.token).api.bookings[":id"].$delete({
      param: { id: booking.id },
    });
    expect(cancelled.status).toBe(200);
    const res = await page(url);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Revoked");
  });

  it("starts the link with PUBLIC_URL when it is set", async () => {
    const { attendee, booking } = await confirmedBooking(1);
    const ctx = createExecutionContext();
    const res = await createApp().fetch(
      new Request(`${BASE}/api/bookings/${booking.id}`, {
        headers: { Authorization: `Bearer ${attendee.token}` },
      }),
      { ...env, PUBLIC_URL: "https://tickets.example.com/" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const body = (await res.json()) as { ticketsUrl: string };
    expect(
      body.ticketsUrl.startsWith(`https://tickets.example.com/tickets/${booking.id}?key=`),
    ).toBe(true);
  });
});
