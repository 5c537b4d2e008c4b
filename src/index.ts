import { createApp } from "./app";
import { runMaintenance } from "./db/maintenance";
import { consumeQueue } from "./queues";
import { sweepWebhooks } from "./webhooks/sweep";
import { ACCOUNT_CLOSURE_QUEUE, consumeClosures } from "./workflows/close-account";

export { AdmissionQueue } from "./admission/queue";
export { EventLedger } from "./ledger/ledger";
export { AttendeeHub } from "./notifications/hub";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) =>
    batch.queue === ACCOUNT_CLOSURE_QUEUE ? consumeClosures(batch, env) : consumeQueue(batch, env),
  scheduled: (_controller, env, ctx) =>
    ctx.waitUntil(Promise.all([runMaintenance(env), sweepWebhooks(env)])),
} satisfies ExportedHandler<Env>;
