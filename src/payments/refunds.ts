import type { Job } from "../notifications/messages";
import { paymentProvider } from ".";

type Message = MessageBatch<unknown>["messages"][number];
type Item = { message: Message; job: Job };

/**
 * Issues the refunds of a batch's `booking.refunded` messages before anyone is told of
 * them. The provider keys each refund by its booking, so a redelivered message refunds
 * once. A message whose refund failed is handed to `failed` (to be retried) and left
 * out of the items returned, so its attendee hears of it only once it is true.
 */
export const refundFirst = async (
  env: Env,
  items: readonly Item[],
  failed: (message: Message, error: string) => void,
): Promise<Item[]> => {
  const outcomes = await Promise.all(
    items.map(async (item) => {
      const de = item.job.domainEvent;
      const refund = de.type === "booking.refunded" ? de.data.refund : undefined;
      if (!refund || !de.bookingId) return true;
      try {
        await paymentProvider(env).refund({ bookingId: de.bookingId, ...refund });
        return true;
      } catch (error) {
        failed(item.message, `refund failed: ${String(error)}`);
        return false;
      }
    }),
  );
  return items.filter((_, i) => outcomes[i]);
};
