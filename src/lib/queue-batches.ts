/** Queues refuses a message body over 128 KB and a sendBatch over 256 KB or 100 messages. */
export const MESSAGE_BYTES = 128 * 1024;
export const BATCH_BYTES = 256 * 1024;
export const BATCH_MESSAGES = 100;
/** Room kept per message for what the service adds to the body (content type, ids). */
export const MESSAGE_OVERHEAD_BYTES = 256;

const encoder = new TextEncoder();

export const bodyBytes = (body: unknown): number =>
  encoder.encode(JSON.stringify(body)).byteLength + MESSAGE_OVERHEAD_BYTES;

/** Splits messages into sendBatch calls that respect both the count and the byte limit. */
export const packBatches = <T extends { body: unknown }>(messages: T[]): T[][] => {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = bodyBytes(message.body);
    if (current.length === BATCH_MESSAGES || (current.length > 0 && bytes + size > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

/** Sends every message, as many sendBatch calls as the limits require. */
export const sendAll = (queue: Queue, bodies: unknown[]): Promise<void> =>
  sendDelayed(
    queue,
    bodies.map((body) => ({ body })),
  );

/** Like sendAll, each message delivered no sooner than its own delay. */
export const sendDelayed = async (
  queue: Queue,
  messages: { body: unknown; delaySeconds?: number }[],
): Promise<void> => {
  const requests = messages.map((m) => ({ ...m, contentType: "json" as const }));
  for (const batch of packBatches(requests)) await queue.sendBatch(batch);
};
