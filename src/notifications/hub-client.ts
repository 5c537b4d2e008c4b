/** What an attendee's open connections receive for each notification. */
export interface NotificationFrame {
  id: string;
  type: string;
  title: string;
  body: string;
  eventId: string;
  bookingId: string | null;
  createdAt: string;
}

/** The attendee's hub, typed by its class: `deliver` answers how many sockets it reached. */
export const hubOf = (env: Env, attendeeId: string) =>
  env.ATTENDEE_HUB.get(env.ATTENDEE_HUB.idFromName(attendeeId));
