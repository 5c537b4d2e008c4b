import { describe, expect, it } from "vitest";
import { api, createEvent, expectProblem, registerAttendee, registerOrganizer } from "./helpers";

// What /openapi.json promises about these inputs and outputs, checked against the server.
describe("the server keeps the document's promises", () => {
  it.each(["offset=null", "limit=null", "offset=-1", "limit=0"])(
    "answers 422 to ?%s",
    async (query) => {
      const res = await api("GET", `/api/events?${query}`);
      expectProblem(res, 422, "validation_failed");
    },
  );

  it.each(["PATCH", "PUT"])(
    "answers 422 to an empty %s body (minProperties: 1)",
    async (method) => {
      const org = await registerOrganizer();
      const event = await createEvent(org.token);
      const res = await api(method, `/api/events/${event.id}`, { token: org.token, body: {} });
      expectProblem(res, 422, "validation_failed");
    },
  );

  it("creates an event without the defaulted fields, then answers promoted: null", async () => {
    const org = await registerOrganizer();
    const event = await createEvent(org.token);
    expect(event).toMatchObject({ waitlistEnabled: false, status: "scheduled" });
    const attendee = await registerAttendee();
    const booked = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { eventId: event.id, attendeeId: attendee.id },
    });
    const cancelled = await api("DELETE", `/api/bookings/${booked.body.id}`, {
      token: attendee.token,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.promoted).toBeNull();
  });

  it("answers a bare POST with the JSON guard's statuses it declares", async () => {
    const attendee = await registerAttendee();
    const post = (body: string, type: string) =>
      api("POST", "/api/notifications/stream-ticket", {
        token: attendee.token,
        body,
        headers: { "Content-Type": type },
      });
    expectProblem(await post("ticket", "text/plain"), 415, "unsupported_media_type");
    expectProblem(await post("[1]", "application/json"), 400, "invalid_json");
    expectProblem(await post('{"a":"\\ud800"}', "application/json"), 422, "validation_failed");
    expectProblem(await post("x".repeat(65 * 1024), "application/json"), 413, "payload_too_large");
  });

  it("answers 422 to a stream opened with two tickets", async () => {
    const res = await api("GET", "/api/notifications/stream?ticket=a&ticket=b", {
      headers: { Upgrade: "websocket" },
    });
    expectProblem(res, 422, "validation_failed");
  });
});
