import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availableOfType,
  codeUse,
  type Line,
  newcomerFits,
  type PromoTerms,
  priceLines,
  promotionWalk,
  type Room,
  seatsIn,
  take,
  totalOf,
  typesWanted,
} from "../../src/domain/catalog";
import { promotable } from "../../src/domain/rules";

const TYPES = ["early", "regular", "vip", "student"];

/** One to four types, some with a quota. */
const room = fc
  .record({
    free: fc.integer({ min: 0, max: 30 }),
    quotas: fc.array(fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ free, quotas }) => {
    const typeFree = new Map<string, number>();
    quotas.forEach((q, i) => {
      if (q !== null) typeFree.set(TYPES[i] as string, q);
    });
    return { room: { free, typeFree } as Room, types: TYPES.slice(0, quotas.length) };
  });

/** An order: 1..3 lines, each type once, 1..5 seats a line. */
const orderOf = (types: string[]) =>
  fc
    .uniqueArray(fc.constantFrom(...types), { minLength: 1, maxLength: Math.min(3, types.length) })
    .chain((picked) =>
      fc.tuple(
        ...picked.map((t) =>
          fc.integer({ min: 1, max: 5 }).map((q) => ({ ticketTypeId: t, quantity: q })),
        ),
      ),
    )
    .map((lines): Line[] => lines);

const walkCase = room.chain(({ room, types }) =>
  fc.record({
    room: fc.constant(room),
    waitlist: fc.array(
      orderOf(types).map((lines) => ({ lines })),
      { maxLength: 12 },
    ),
  }),
);

describe("the waitlist walk with ticket types", () => {
  it("promotes exactly as the rule is written, never past capacity or a quota", () => {
    fc.assert(
      fc.property(walkCase, ({ room, waitlist }) => {
        const served = new Set(promotionWalk(room, waitlist));
        // Replays the rule step by step, as written, and checks each booking's fate.
        const blocked = new Set<string>();
        let left = room;
        let stopped = false;
        for (const booking of waitlist) {
          const wantsBlocked = booking.lines.some((l) => blocked.has(l.ticketTypeId));
          const overCapacity = seatsIn(booking.lines) > left.free;
          const fullTypes = booking.lines.filter(
            (l) => l.quantity > (left.typeFree.get(l.ticketTypeId) ?? Number.POSITIVE_INFINITY),
          );
          if (stopped) {
            expect(served.has(booking)).toBe(false);
          } else if (wantsBlocked) {
            expect(served.has(booking)).toBe(false);
            for (const l of booking.lines) blocked.add(l.ticketTypeId);
          } else if (overCapacity) {
            expect(served.has(booking)).toBe(false);
            stopped = true;
          } else if (fullTypes.length > 0) {
            expect(served.has(booking)).toBe(false);
            for (const l of booking.lines) blocked.add(l.ticketTypeId);
          } else {
            expect(served.has(booking)).toBe(true);
            left = take(left, booking.lines);
          }
        }
        // Seats within capacity and within every quota.
        expect(left.free).toBeGreaterThanOrEqual(0);
        for (const quotaLeft of left.typeFree.values()) expect(quotaLeft).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("is strict FIFO by seats for an event of one type without a quota", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 15 }),
        (capacityLeft, sizes) => {
          const waitlist = sizes.map((seats, i) => ({ id: i, seats }));
          const event = { capacity: capacityLeft, confirmed: 0, held: 0, waitlisted: 0 };
          let free = capacityLeft;
          const fifo: number[] = [];
          for (const b of waitlist) {
            if (b.seats > free) break;
            fifo.push(b.id);
            free -= b.seats;
          }
          expect(promotable(event, waitlist).map((b) => b.id)).toEqual(fifo);
        },
      ),
    );
  });

  it("lets a booking of another type pass one held back by a full quota, but not its own type", () => {
    const room: Room = { free: 10, typeFree: new Map([["vip", 1]]) };
    const waitlist = [
      { id: "a", lines: [{ ticketTypeId: "vip", quantity: 2 }] },
      { id: "b", lines: [{ ticketTypeId: "regular", quantity: 3 }] },
      { id: "c", lines: [{ ticketTypeId: "vip", quantity: 1 }] },
      { id: "d", lines: [{ ticketTypeId: "regular", quantity: 8 }] },
      { id: "e", lines: [{ ticketTypeId: "regular", quantity: 1 }] },
    ];
    // c would fit the quota, but a waits for vip first; d does not fit the event: the walk stops.
    expect(promotionWalk(room, waitlist).map((b) => b.id)).toEqual(["b"]);
  });

  it("holds back a booking sharing any type with one a full quota holds back", () => {
    const room: Room = { free: 10, typeFree: new Map([["vip", 0]]) };
    const waitlist = [
      {
        id: "a",
        lines: [
          { ticketTypeId: "vip", quantity: 1 },
          { ticketTypeId: "regular", quantity: 1 },
        ],
      },
      { id: "b", lines: [{ ticketTypeId: "regular", quantity: 1 }] },
      { id: "c", lines: [{ ticketTypeId: "student", quantity: 1 }] },
    ];
    // b would fit, but a waits for regular seats too: b does not pass it, as a newcomer would not.
    expect(promotionWalk(room, waitlist).map((b) => b.id)).toEqual(["c"]);
  });
});

describe("a newcomer", () => {
  it("sent to the waitlist is one the walk would not promote either", () => {
    fc.assert(
      fc.property(
        walkCase.chain((c) =>
          orderOf(TYPES.slice(0, Math.max(1, c.room.typeFree.size))).map((lines) => ({
            ...c,
            lines,
          })),
        ),
        ({ room, waitlist, lines }) => {
          // At rest the walk promotes nobody: serve whom it would, and keep the rest waiting.
          const served = new Set(promotionWalk(room, waitlist));
          const rest = [...served].reduce((left, b) => take(left, b.lines), room);
          const waiting = waitlist.filter((b) => !served.has(b));
          fc.pre(promotionWalk(rest, waiting).length === 0);
          if (!newcomerFits(rest, lines, typesWanted(waiting))) {
            expect(promotionWalk(rest, [...waiting, { lines }])).toEqual([]);
          }
        },
      ),
    );
  });

  it("never passes a waiting booking that wants one of its types, and takes only seats that fit", () => {
    fc.assert(
      fc.property(
        walkCase.chain((c) =>
          orderOf([
            ...new Set(["early", ...c.waitlist.flatMap((b) => b.lines.map((l) => l.ticketTypeId))]),
          ]).map((lines) => ({ ...c, lines })),
        ),
        ({ room, waitlist, lines }) => {
          const granted = newcomerFits(room, lines, typesWanted(waitlist));
          const shares = waitlist.some((b) =>
            b.lines.some((l) => lines.some((m) => m.ticketTypeId === l.ticketTypeId)),
          );
          if (shares) expect(granted).toBe(false);
          if (granted) {
            const after = take(room, lines);
            expect(after.free).toBeGreaterThanOrEqual(0);
            for (const l of lines)
              expect(l.quantity).toBeLessThanOrEqual(availableOfType(room, l.ticketTypeId));
          }
        },
      ),
    );
  });
});

const terms = fc.oneof(
  fc.record({
    kind: fc.constant("percent" as const),
    value: fc.integer({ min: 1, max: 100 }),
    ticketTypeIds: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constant("amount" as const),
    value: fc.integer({ min: 1, max: 50_000 }),
    ticketTypeIds: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constant("unlock" as const),
    value: fc.constant(null),
    ticketTypeIds: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: null }),
  }),
);
const pricedLines = fc
  .uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 4 })
  .chain((types) =>
    fc.tuple(
      ...types.map((t) =>
        fc.record({
          ticketTypeId: fc.constant(t),
          quantity: fc.integer({ min: 1, max: 20 }),
          unitPrice: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 1_000_000 })),
        }),
      ),
    ),
  );

describe("discounts", () => {
  it("take whole minor units off the named types only; amounts are lines minus discounts and sum to the total", () => {
    fc.assert(
      fc.property(pricedLines, fc.option(terms, { nil: null }), (lines, code) => {
        const items = priceLines(lines, code as PromoTerms | null);
        let sum = 0;
        for (const [i, item] of items.entries()) {
          const line = lines[i] as (typeof lines)[number];
          const gross = line.unitPrice * line.quantity;
          expect(Number.isInteger(item.discount)).toBe(true);
          expect(item.discount).toBeGreaterThanOrEqual(0);
          expect(item.discount).toBeLessThanOrEqual(gross);
          expect(item.amount).toBe(gross - item.discount);
          expect(item.discount % line.quantity).toBe(0);
          const named =
            code && (code.ticketTypeIds === null || code.ticketTypeIds.includes(line.ticketTypeId));
          if (!named || code.kind === "unlock") expect(item.discount).toBe(0);
          sum += item.amount;
        }
        expect(totalOf(items)).toBe(sum);
      }),
    );
  });

  it("follow the contract's arithmetic: floor of the percent, at most the price for an amount", () => {
    const line = [{ ticketTypeId: "vip", quantity: 3, unitPrice: 999 }];
    const percent = priceLines(line, { kind: "percent", value: 15, ticketTypeIds: null });
    expect(percent[0]).toMatchObject({ discount: 3 * 149, amount: 3 * 999 - 3 * 149 });
    const amount = priceLines(line, { kind: "amount", value: 5000, ticketTypeIds: ["vip"] });
    expect(amount[0]).toMatchObject({ discount: 2997, amount: 0 });
    const other = priceLines(line, { kind: "percent", value: 50, ticketTypeIds: ["student"] });
    expect(other[0]).toMatchObject({ discount: 0, amount: 2997 });
  });
});

describe("a promo code's uses", () => {
  it("never exceed maxUses, under any order of uses and give-backs", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (maxUses, steps) => {
          let usedCount = 0;
          for (const use of steps) {
            const state = { maxUses, usedCount, validFrom: null, validUntil: null, deleted: false };
            if (use && codeUse(state, 0) === "ok") usedCount += 1;
            else if (!use && usedCount > 0) usedCount -= 1;
            if (maxUses !== null) expect(usedCount).toBeLessThanOrEqual(maxUses);
          }
        },
      ),
    );
  });

  it("are refused outside the code's window and once it is deleted", () => {
    const code = {
      maxUses: 1,
      usedCount: 0,
      validFrom: "2030-01-01T00:00:00.000Z",
      validUntil: "2030-02-01T00:00:00.000Z",
      deleted: false,
    };
    expect(codeUse(code, Date.parse("2029-12-31T23:59:59.999Z"))).toBe("invalid");
    expect(codeUse(code, Date.parse("2030-01-15T00:00:00.000Z"))).toBe("ok");
    expect(codeUse(code, Date.parse("2030-02-01T00:00:00.000Z"))).toBe("invalid");
    expect(codeUse({ ...code, usedCount: 1 }, Date.parse("2030-01-15T00:00:00.000Z"))).toBe(
      "exhausted",
    );
    expect(codeUse({ ...code, deleted: true }, Date.parse("2030-01-15T00:00:00.000Z"))).toBe(
      "invalid",
    );
  });
});
