import { createApp } from "./app";
import { consumeQueue } from "./notifications/consumer";

export { EventLedger } from "./booking/ledger";
export { AttendeeHub } from "./notifications/hub";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: consumeQueue,
} satisfies ExportedHandler<Env>;
