import app, { AttendeeHub as Hub, EventLedger as Ledger } from "../../src/index";
import { countDelivery, meter, takeUsage } from "./meter";

/** The admission queue touches no binding the meter counts. */
export { AdmissionQueue } from "../../src/index";

/**
 * The Worker as the benchmark runs it: the app itself, with every binding counted per
 * part (request path, ledger, consumer), and one extra route that hands the counts over.
 */
export class EventLedger extends Ledger {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meter(env, "ledger"));
  }
}

export class AttendeeHub extends Hub {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meter(env, "hub"));
  }
}

const METER_PATH = "/__bench/usage";

export default {
  fetch: (request, env, ctx) => {
    if (new URL(request.url).pathname === METER_PATH) return Response.json(takeUsage());
    return app.fetch(request, meter(env, "request"), ctx);
  },
  queue: (batch, env) => {
    countDelivery(batch.messages.length);
    return app.queue(batch, meter(env, "consumer"));
  },
  scheduled: (controller, env, ctx) => app.scheduled(controller, env, ctx),
} satisfies ExportedHandler<Env>;
