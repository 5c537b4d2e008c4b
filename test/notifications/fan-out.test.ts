import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, PAGE_SIZE } from "../../src/notifications/audience";
import { DELIVERY_BUDGET } from "../../src/notifications/deliveries";
import { subrequests } from "../subrequests";
import { expectFixedCeiling, maxOf, measuredDrain, updatedEvent } from "./fan-out-measure";
import { deliveriesOf } from "./helpers";

describe("an audience of any size", () => {
  // The same at 10, 1,000 and 5,000 recipients: fan-out.scale.test.ts (npm run test:scale).
  it("spends a fixed number of subrequests per invocation from 10 to 1,100 recipients", async () => {
    // Past one expansion page (PAGE_SIZE), then past two.
    await expectFixedCeiling([10, PAGE_SIZE + 100, 2 * PAGE_SIZE + 100]);
  }, 120_000);

  it("keeps an invocation under the budget when every recipient has ten devices and email", async () => {
    const { ids, message } = await updatedEvent(2 * CHUNK_SIZE - 20, { email: true });
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO devices (id, attendee_id, platform, token, created_at)
       SELECT a.value || '-d' || d.value, a.value, 'android', 'tok-' || a.value || '-' || d.value, ?2
       FROM json_each(?1) AS a, json_each('[0,1,2,3,4,5,6,7,8,9]') AS d`,
    )
      .bind(JSON.stringify(ids), now)
      .run();
    // Each has a socket open as far as D1 knows, so each hub is called too.
    await env.DB.prepare(
      `INSERT INTO notification_listeners (attendee_id, connections, version)
       SELECT value, 1, 1 FROM json_each(?1)`,
    )
      .bind(JSON.stringify(ids))
      .run();
    const { invocations, retried } = await measuredDrain([message]);
    expect(retried).toEqual([]);
    // 80 recipients × (hub + email + 10 pushes) do not fit one invocation: the second chunk waits.
    expect(maxOf(invocations, "hubCalls")).toBe(CHUNK_SIZE);
    expect(invocations.filter((c) => c.hubCalls > 0).length).toBe(2);
    expect(maxOf(invocations, (c) => c.hubCalls + c.fetches)).toBeLessThanOrEqual(
      DELIVERY_BUDGET + 1,
    );
    expect(maxOf(invocations, subrequests)).toBeLessThan(1_000);
    const logged = await deliveriesOf(message.id);
    expect(logged.filter((d) => d.channel === "push" && d.status === "sent")).toHaveLength(
      ids.length * 10,
    );
    expect(logged.filter((d) => d.channel === "email" && d.status === "sent")).toHaveLength(
      ids.length,
    );
  }, 120_000);
});
