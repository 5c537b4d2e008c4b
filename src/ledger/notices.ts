/**
 * Recipients named in one event-wide notice: 50 ids keep a message near 2 KB, so a
 * Queues batch of 100 stays under its 256 KB limit.
 */
export const RECIPIENTS_PER_NOTICE = 50;

/** Splits an audience into the recipient lists of its notices; an empty audience gets one notice. */
export const inNotices = (attendeeIds: readonly string[]): string[][] => {
  const notices: string[][] = [];
  for (let i = 0; i < attendeeIds.length; i += RECIPIENTS_PER_NOTICE) {
    notices.push(attendeeIds.slice(i, i + RECIPIENTS_PER_NOTICE));
  }
  return notices.length > 0 ? notices : [[]];
};
