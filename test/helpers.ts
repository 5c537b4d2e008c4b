import { exports } from "cloudflare:workers";
import { clientAddressOf } from "./client-address";

export const BASE = "http://api.test";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

type Init = { token?: string; headers?: Record<string, string>; body?: unknown };

/** Calls the Worker through its real fetch handler, as a client would over HTTP. */
export const api = async <T = any>(
  method: string,
  path: string,
  init: Init = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await exports.default.fetch(new Request(`${BASE}${path}`, { method, headers, body }));
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed as T };
};

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/**
 * A client address of its own, as Cloudflare sets CF-Connecting-IP: the per-address
 * registration limits then never throttle unrelated tests.
 */
export const clientAddress = () => clientAddressOf(++counter);

/** Headers of a request sent from a client of its own. */
export const fromNewClient = () => ({ "CF-Connecting-IP": clientAddress() });

/** POST /api/attendees as a new attendee's own device sends it: from its own address. */
export const postAttendee = (body: unknown) =>
  api("POST", "/api/attendees", { body, headers: fromNewClient() });

export const registerOrganizer = async (name = "Symfony Events Ltd") => {
  const email = `${unique("org")}@example.com`;
  const res = await api("POST", "/api/auth/register", {
    body: { name, email, password: "correct horse battery" },
    headers: fromNewClient(),
  });
  if (res.status !== 201) throw new Error(`organizer registration failed: ${res.status}`);
  return { ...res.body.user, email, token: res.body.token as string };
};

export const registerAttendee = async (name = "John Doe") => {
  const email = `${unique("att")}@example.com`;
  const res = await postAttendee({ name, email });
  if (res.status !== 201) throw new Error(`attendee registration failed: ${res.status}`);
  return { ...res.body.attendee, token: res.body.token as string };
};

export const eventInput = (overrides: Record<string, unknown> = {}) => ({
  title: "Symfony Conference",
  description: "Learn about Symfony",
  country: "FR",
  startDate: "2030-05-01T10:00:00",
  endDate: "2030-05-01T18:00:00",
  capacity: 100,
  ...overrides,
});

export const createEvent = async (token: string, overrides: Record<string, unknown> = {}) => {
  const res = await api("POST", "/api/events", { token, body: eventInput(overrides) });
  if (res.status !== 201)
    throw new Error(`event creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

export const expectProblem = (res: ApiResponse, status: number, code: string) => {
  const ok =
    res.status === status &&
    res.headers.get("content-type")?.startsWith("application/problem+json") &&
    res.body?.code === code &&
    res.body?.status === status &&
    typeof res.body?.title === "string" &&
    typeof res.body?.detail === "string";
  if (!ok) {
    throw new Error(
      `expected ${status} ${code}, got ${res.status} ${res.headers.get("content-type")} ${JSON.stringify(res.body)}`,
    );
  }
};

/** An organizer with one event that each given attendee booked: they may see those attendees. */
export const organizerBookedBy = async (...attendees: { id: string; token: string }[]) => {
  const organizer = await registerOrganizer();
  const event = await createEvent(organizer.token, { title: unique("Booked"), capacity: 100 });
  for (const attendee of attendees) {
    const res = await api("POST", "/api/bookings", {
      token: attendee.token,
      body: { eventId: event.id, attendeeId: attendee.id },
    });
    if (res.status !== 201) throw new Error(`booking failed: ${res.status}`);
  }
  return { ...organizer, event };
};
