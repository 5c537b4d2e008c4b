import app, { AttendeeHub as Hub, EventLedger as Ledger } from "../../src/index";
import { countDelivery, meter, takeUsage } from "./meter";
import { isPartMessage, PART_PATH, type PartLedger, servePart, writeTwoRows } from "./parts";

/** The admission queue touches no binding the meter counts. */
export { AdmissionQueue } from "../../src/index";

/**
 * The Worker as the benchmark runs it: the app itself, with every binding counted per
 * part (request path, ledger, consumer), one extra route that hands the counts over, and
 * the parts of a booking served alone (`parts.ts`).
 */
export class EventLedger extends Ledger implements PartLedger {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meter(env, "ledger"));
  }

  async part(write: boolean): Promise<number> {
    return write ? writeTwoRows(this.ctx.storage) : 0;
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
    const { pathname } = new URL(request.url);
    if (pathname === METER_PATH) return Response.json(takeUsage());
    if (pathname.startsWith(PART_PATH)) {
      return servePart(pathname.slice(PART_PATH.length), meter(env, "request"));
    }
    return app.fetch(request, meter(env, "request"), ctx);
  },
  queue: (batch, env) => {
    countDelivery(batch.messages.length);
    // The part phase's messages come alone: the phase before it has settled.
    if (batch.messages.every((m) => isPartMessage(m.body))) {
      batch.ackAll();
      return Promise.resolve();
    }
    return app.queue(batch, meter(env, "consumer"));
  },
  scheduled: (controller, env, ctx) => app.scheduled(controller, env, ctx),
} satisfies ExportedHandler<Env>;
