import { describe, expect, it } from "vitest";
import { as, bodyOf, expectProblem, raw } from "./client";
import { createEvent, registerAttendee, registerOrganizer } from "./helpers";

// What /openapi.json promises about these inputs and outputs, checked against the server.
describe("the server keeps the document's promises", () => {
  it.each(["offset=null", "limit=null", "offset=-1", "limit=0"])(
    "answers 422 to ?%s",
    async (query) => {
      const res = await raw("GET", `/api/events?${query}`);
      await expectProblem(res, 422, "validation_failed");
    },
  );

  it.each(["PATCH", "PUT"])(
    "answers 422 to an empty %s body (minProperties: 1)",
    async (method) => {
      const org = await registerOrganizer();
      const event = await createEvent(org.token);
      const res = await raw(method, `/api/events/${event.id}`, { token: org.token, body: {} });
      await expectProblem(res, 422, "validation_failed");
    },
  );

  it("creates an event without the defaulted fields, then answers promoted: null", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    expect(event).toMatchObject({ waitlistEnabled: false, status: "scheduled" });
    const attendee = await registerAttendee();
    const bookings = as(attendee.token).api.bookings;
    const booked = await bodyOf(
      await bookings.$post({ header: {}, json: { eventId: event.id, attendeeId: attendee.id } }),
      201,
    );
    const cancelled = await bodyOf(
      await bookings[":id"].$delete({ param: { id: booked.id } }),
      200,
    );
    expect(cancelled.promoted).toBeNull();
  });

  it("answers a bare POST with the JSON guard's statuses it declares", async () => {
    const attendee = await registerAttendee();
    const post = (body: string, type: string) =>
      raw("POST", "/api/notifications/stream-ticket", {
        token: attendee.token,
        body,
        headers: { "Content-Type": type },
      });
    await expectProblem(await post("ticket", "text/plain"), 415, "unsupported_media_type");
    await expectProblem(await post("[1]", "application/json"), 400, "invalid_json");
    await expectProblem(
      await post('{"a":"\\ud800"}', "application/json"),
      422,
      "validation_failed",
    );
    await expectProblem(
      await post("x".repeat(65 * 1024), "application/json"),
      413,
      "payload_too_large",
    );
  });

  it("answers 422 to a stream opened with two tickets", async () => {
    const res = await raw("GET", "/api/notifications/stream?ticket=a&ticket=b", {
      headers: { Upgrade: "websocket" },
    });
    await expectProblem(res, 422, "validation_failed");
  });
});
