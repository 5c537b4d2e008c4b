import { resolveLanguage } from "../domain/languages";
import { escapeHtml } from "../lib/html";
import { log } from "../lib/logger";
import { emailTransport } from "../notifications/channels/email";
import { fill } from "../notifications/templates/html";
import { layout } from "../notifications/templates/layout";
import type { EmailMessage } from "../notifications/types";
import type { DisabledNotice } from "./messages";
import { NOTICE_WORDS } from "./notice-words";

/** The organizer's email about an endpoint the service turned off, in the endpoint's language. */
export const noticeEmail = (
  notice: DisabledNotice,
  organizer: { name: string; email: string },
): EmailMessage => {
  const language = resolveLanguage(notice.language);
  const words = NOTICE_WORDS[language];
  const values = { name: organizer.name, url: notice.url, id: notice.endpointId };
  const paragraphs = [words.greeting, words.because[notice.reason], words.next].map((p) =>
    fill(p, values),
  );
  const subject = fill(words.subject, values).replace(/\s+/g, " ");
  return {
    idempotencyKey: notice.id,
    to: organizer.email,
    toName: organizer.name,
    subject,
    text: [...paragraphs, words.footer].join("\n\n"),
    html: layout({
      language,
      title: escapeHtml(subject),
      body: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n"),
      footer: escapeHtml(words.footer),
    }),
  };
};

/**
 * Emails the organizer; throws when the provider fails, so the queue tries again (the
 * notice's id keys the email: the provider drops a repeat). A closed account hears nothing.
 */
export const sendNotice = async (env: Env, notice: DisabledNotice): Promise<void> => {
  const organizer = await env.DB.prepare(
    "SELECT name, email FROM users WHERE id = ? AND closed_at IS NULL",
  )
    .bind(notice.organizerId)
    .first<{ name: string; email: string }>();
  if (!organizer) return;
  const outcome = await emailTransport(env).send(noticeEmail(notice, organizer));
  if (outcome.status !== "sent") throw new Error(outcome.error ?? "email not sent");
  log(env, "info", "webhook endpoint disabled; organizer told", {
    endpointId: notice.endpointId,
    reason: notice.reason,
  });
};
