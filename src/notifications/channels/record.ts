import type { EmailTransport, PushTransport } from "../types";
import { sent } from "./http";

/**
 * Used when a provider has no credentials (local development, previews): nothing leaves the
 * Worker, and the delivery log still shows exactly what would have been sent.
 */
export const recordingEmailTransport: EmailTransport = {
  name: "record",
  send: async (message) => sent("record", message),
};

export const recordingPushTransport: PushTransport = {
  name: "record",
  send: async (_device, message) => sent("record", message),
};
