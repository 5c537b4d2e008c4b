import { createApp } from "./app";

export { EventLedger } from "./booking/ledger";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
