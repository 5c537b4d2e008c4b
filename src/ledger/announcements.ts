import { isBookable, salesAnnouncementAt } from "../domain/rules";
import { type SeatMoves, stateOf } from "./seat-moves";
import type { LedgerTables } from "./tables";

/**
 * The announcements a ledger makes once, on the clock or at creation rather than on a
 * booking: the reminder, the event's publication and the opening of its sales. Callers
 * run them inside `LedgerTables.transaction`, so a flag and its outbox row commit together.
 */
export class Announcements {
  constructor(
    private readonly tables: LedgerTables,
    private readonly moves: SeatMoves,
  ) {}

  /** Announces the reminder once, when its time has come and the event still takes place. */
  remindIfDue(now: number): boolean {
    const event = this.tables.event();
    if (!event || event.reminder_sent || event.reminder_at === null || event.reminder_at > now) {
      return false;
    }
    this.tables.markReminderSent();
    if (event.status !== "scheduled") return false;
    this.moves.announce("event.reminder", null);
    return true;
  }

  /** Announces a new event to its organizer's followers, once (and never when nobody follows). */
  announcePublished(followed: boolean): boolean {
    const event = this.tables.currentEvent();
    if (event.published_sent) return false;
    this.tables.markSent("published_sent");
    if (!followed || event.status !== "scheduled") return false;
    this.moves.announce("event.published", null);
    return true;
  }

  /** Announces the opening of sales to the interested, once, when its time has come. */
  openSalesIfDue(now: number): boolean {
    const event = this.tables.event();
    if (!event || (salesAnnouncementAt(event, now) ?? now + 1) > now) return false;
    this.tables.markSent("sales_opened_sent");
    if (!isBookable(stateOf(event), new Date(now))) return false;
    this.moves.announce("event.sales_opened", null);
    return true;
  }

  /** When the next of these falls due; null when none is left to make. */
  nextAt(now: number): number | null {
    const event = this.tables.event();
    if (!event) return null;
    const times = [event.reminder_sent ? null : event.reminder_at, salesAnnouncementAt(event, now)];
    const due = times.filter((t): t is number => t !== null);
    return due.length > 0 ? Math.min(...due) : null;
  }
}
