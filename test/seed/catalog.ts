const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedEvent {
  title: string;
  description: string;
  country: string;
  /** From the moment of seeding. */
  startsIn: number;
  lasts: number;
  capacity: number;
  waitlistEnabled?: boolean;
  cancelled?: boolean;
  /** Per seat in the currency's minor unit: a paid event, whose bookings wait for payment. */
  price?: { amount: number; currency: string };
  /** How many of the seeded attendees book it, in order. */
  bookers: number;
  /** Ticket types beside General admission, which carries `price`. */
  types?: { name: string; price: number; quota?: number; hidden?: boolean }[];
  /** Promo codes; `types` names the types a code applies to, by name. */
  codes?: {
    code: string;
    kind: "percent" | "amount" | "unlock";
    value?: number;
    maxUses?: number;
    types?: string[];
  }[];
  /** The next attendee orders these lines, by type name, with this code. */
  order?: { items: { type: string; quantity: number }[]; promoCode?: string };
}

/**
 * A dozen events across countries, dates and statuses. The first two start a minute
 * after seeding: the clock soon shows one completed (it lasts two minutes) and one ongoing.
 */
export const EVENTS: SeedEvent[] = [
  {
    title: "Morning Run Club",
    description: "5 km along the Seine",
    country: "FR",
    startsIn: 60_000,
    lasts: 2 * 60_000,
    capacity: 30,
    bookers: 3,
  },
  {
    title: "Open Source Hack Night",
    description: "Bring a laptop and a bug to fix",
    country: "DE",
    startsIn: 60_000,
    lasts: 3 * HOUR,
    capacity: 40,
    bookers: 4,
  },
  {
    title: "Symfony Conference",
    description: "Learn about Symfony",
    country: "FR",
    startsIn: 30 * DAY,
    lasts: 8 * HOUR,
    capacity: 300,
    waitlistEnabled: true,
    bookers: 6,
  },
  {
    title: "Été musical",
    description: "Chamber music under the stars",
    country: "CH",
    startsIn: 45 * DAY,
    lasts: 3 * HOUR,
    capacity: 120,
    bookers: 5,
  },
  {
    title: "Tapas & Tech",
    description: "Lightning talks and dinner",
    country: "ES",
    startsIn: 12 * DAY,
    lasts: 4 * HOUR,
    capacity: 3,
    waitlistEnabled: true,
    bookers: 5,
  },
  {
    title: "Rust Workshop",
    description: "Ownership from first principles",
    country: "NL",
    startsIn: 20 * DAY,
    lasts: 6 * HOUR,
    capacity: 2,
    bookers: 2,
  },
  {
    title: "Tokyo Design Week Meetup",
    description: "Type, colour and space",
    country: "JP",
    startsIn: 60 * DAY,
    lasts: 5 * HOUR,
    capacity: 80,
    bookers: 2,
  },
  {
    title: "Carnival Photo Walk",
    description: "Street photography in Rio",
    country: "BR",
    startsIn: 90 * DAY,
    lasts: 4 * HOUR,
    capacity: 25,
    bookers: 1,
  },
  {
    title: "Northern Lights Night",
    description: "A guided evening outside Tromsø",
    country: "NO",
    startsIn: 75 * DAY,
    lasts: 6 * HOUR,
    capacity: 15,
    waitlistEnabled: true,
    bookers: 3,
  },
  {
    title: "London Data Summit",
    description: "Two tracks, one day",
    country: "GB",
    startsIn: 25 * DAY,
    lasts: 9 * HOUR,
    capacity: 500,
    cancelled: true,
    bookers: 0,
  },
  {
    title: "Toronto Startup Breakfast",
    description: "Founders and coffee",
    country: "CA",
    startsIn: 10 * DAY,
    lasts: 2 * HOUR,
    capacity: 50,
    price: { amount: 1500, currency: "CAD" },
    bookers: 4,
    types: [{ name: "Student", price: 900, quota: 10 }],
    codes: [{ code: "FOUNDERS", kind: "amount", value: 500 }],
  },
  {
    title: "Sydney Harbour Swim",
    description: "1.5 km open water",
    country: "AU",
    startsIn: 120 * DAY,
    lasts: 4 * HOUR,
    capacity: 200,
    price: { amount: 4900, currency: "AUD" },
    bookers: 2,
    types: [
      { name: "Early swimmer", price: 3900, quota: 50 },
      { name: "Swim + wetsuit", price: 6900, quota: 30 },
      { name: "Club member", price: 2900, hidden: true },
    ],
    codes: [
      { code: "SWIM10", kind: "percent", value: 10, maxUses: 20 },
      { code: "CLUB-2030", kind: "unlock", types: ["Club member"] },
    ],
    order: {
      items: [
        { type: "Early swimmer", quantity: 2 },
        { type: "Swim + wetsuit", quantity: 1 },
      ],
      promoCode: "SWIM10",
    },
  },
];

export const ATTENDEES = [
  { name: "Camille Martin", locale: "fr" },
  { name: "Jonas Becker", locale: "de" },
  { name: "Lucía García", locale: "es" },
  { name: "John Doe", locale: "en" },
  { name: "Aiko Tanaka", locale: "en" },
  { name: "Noah Smith", locale: "en-GB" },
];
