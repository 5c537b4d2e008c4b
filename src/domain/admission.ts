/**
 * The admission queue's rules, free of storage and clocks: how fast passes are issued,
 * how long one lasts, how the pre-queue is drawn, and what a waiting attendee is told.
 */

/** Bounds and default of an event's `admitPerMinute`. */
export const ADMIT_PER_MINUTE = { min: 60, max: 60_000, default: 600 } as const;

/** An admission pass admits its attendee to one booking for this long. */
export const PASS_LIFETIME_MS = 10 * 60_000;

/** The windows the rate is counted over. */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;

/** Passes issued at most in any one second: the minute's rate, rounded up. */
export const passesPerSecond = (admitPerMinute: number) => Math.ceil(admitPerMinute / 60);

/** What the queue has issued lately, each count over the window that ends now. */
export interface RecentPasses {
  /** Passes issued in the last second (now - 1 s, now]. */
  lastSecond: number;
  /** Passes issued in the last minute (now - 60 s, now]. */
  lastMinute: number;
  /** Passes issued, neither used by a booking nor expired. */
  outstanding: number;
}

/**
 * How many passes may be issued now. Three limits hold at once: no more than a second's
 * share in any second (so the minute's passes are spread over it), no more than
 * `admitPerMinute` in any minute, and no more than `admitPerMinute` held unused at once,
 * so a pass that is used or expires gives its slot back to the next in line.
 */
export const admissionBudget = (admitPerMinute: number, recent: RecentPasses): number =>
  Math.max(
    0,
    Math.min(
      passesPerSecond(admitPerMinute) - recent.lastSecond,
      admitPerMinute - recent.lastMinute,
      admitPerMinute - recent.outstanding,
    ),
  );

/** Seconds until a waiting attendee at this position (1: next) is admitted, at the full rate. */
export const estimatedWaitSeconds = (position: number, admitPerMinute: number) =>
  Math.ceil((position * 60) / admitPerMinute);

/** A uniformly random integer in [0, bound), from 32-bit random words, without modulo bias. */
export const uniformBelow = (bound: number, randomWord: () => number): number => {
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const word = randomWord();
    if (word < limit) return word % bound;
  }
};

/** Cryptographic 32-bit words, drawn a block at a time. */
export const cryptoWords = (): (() => number) => {
  const block = new Uint32Array(1024);
  let next = block.length;
  return () => {
    if (next === block.length) {
      crypto.getRandomValues(block);
      next = 0;
    }
    return block[next++] as number;
  };
};

/**
 * Fisher–Yates: every order of `items` equally likely, given uniform words. The draw
 * at sale open orders the pre-queue this way, so joining early buys no place in it.
 */
export const shuffled = <T>(items: readonly T[], randomWord = cryptoWords()): T[] => {
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = uniformBelow(i + 1, randomWord);
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
};
