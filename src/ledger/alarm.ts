/**
 * What this object knows of its one alarm, to spare a storage read per booking:
 * - `unknown`: not set by this instance since it started, or cleared, or fired;
 *   storage is asked before relying on it (an alarm may survive from an earlier life);
 * - `set`: this instance set it for `at`, and it has not fired since.
 */
type AlarmState = { kind: "unknown" } | { kind: "set"; at: number };

/** The ledger's alarm: pending copies, the reminder and key expiry share it. */
export class AlarmClock {
  private state: AlarmState = { kind: "unknown" };

  constructor(private readonly storage: DurableObjectStorage) {}

  /** Sets the alarm for the earliest of the times given, or clears it when none is due. */
  async setForEarliest(candidates: readonly (number | null)[]) {
    const due = candidates.filter((at): at is number => at !== null);
    if (due.length === 0) return this.clear();
    const at = Math.min(...due);
    this.state = { kind: "set", at };
    await this.storage.setAlarm(at);
  }

  /** Makes sure the alarm fires no later than `at`; an earlier alarm is left alone. */
  async ensureBy(at: number) {
    if (this.state.kind === "set" && this.state.at <= at) return;
    const current = await this.storage.getAlarm();
    if (current !== null && current <= at) {
      this.state = { kind: "set", at: current };
      return;
    }
    await this.storage.setAlarm(at);
    this.state = { kind: "set", at };
  }

  async clear() {
    await this.storage.deleteAlarm();
    this.state = { kind: "unknown" };
  }

  /** Called as the alarm runs: whatever it handles next sets it again. */
  fired() {
    this.state = { kind: "unknown" };
  }
}

const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 5 * 60_000;
const FAILURES_KEY = "relay_failures";

/**
 * How long the alarm waits before retrying a relay that failed: doubling from 2 s up
 * to 5 minutes while D1 or the queue keeps failing, back to 2 s after a success. The
 * count is stored, so an object evicted during an outage keeps backing off.
 */
export class RelayBackoff {
  constructor(private readonly storage: DurableObjectStorage) {}

  private failures(): number {
    return this.storage.kv.get<number>(FAILURES_KEY) ?? 0;
  }

  failed() {
    this.storage.kv.put(FAILURES_KEY, this.failures() + 1);
  }

  succeeded() {
    if (this.failures() > 0) this.storage.kv.delete(FAILURES_KEY);
  }

  /** The wait before the next attempt. */
  delay(): number {
    const failures = this.failures();
    if (failures === 0) return FIRST_RETRY_MS;
    return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
  }
}
