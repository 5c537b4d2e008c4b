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
