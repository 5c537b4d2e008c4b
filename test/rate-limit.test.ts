import { beforeEach, describe, expect, it } from "vitest";
import { client, expectProblem } from "./client";
import { clientAddress, registerOrganizer, unique } from "./helpers";

/** A caller at this client address, as Cloudflare's edge reports it. */
const from = (address: string) => client({ headers: { "CF-Connecting-IP": address } });

/**
 * The local limiter counts in fixed one-minute windows: a test starting in a window's
 * last seconds would see its count reset half-way, so it waits for the next window.
 */
beforeEach(async () => {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 50));
});

const login = (email: string, password: string, ip = "203.0.113.7") =>
  from(ip).api.auth.login.$post({ json: { email, password } });

describe("login rate limit", () => {
  it("answers 429 with Retry-After after 10 attempts a minute for one email from one client", async () => {
    const org = await registerOrganizer();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await login(org.email, "wrong password"));
    for (const r of answers) await expectProblem(r, 401, "invalid_credentials");

    const limited = await login(org.email, "correct horse battery");
    await expectProblem(limited, 429, "rate_limited");
    expect(limited.headers.get("Retry-After")).toBe("60");

    // Other accounts, and the same account from another client, are unaffected.
    const other = await registerOrganizer();
    expect((await login(other.email, "correct horse battery")).status).toBe(200);
    expect((await login(org.email, "correct horse battery", "198.51.100.9")).status).toBe(200);
  });

  it("throttles one account sprayed from many addresses: 20 attempts a minute in all", async () => {
    const org = await registerOrganizer();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => login(org.email, "wrong password", clientAddress())),
    );
    for (const r of answers) await expectProblem(r, 401, "invalid_credentials");

    const limited = await login(org.email, "correct horse battery", clientAddress());
    await expectProblem(limited, 429, "rate_limited");
    expect(limited.headers.get("Retry-After")).toBe("60");
    const other = await registerOrganizer();
    expect((await login(other.email, "correct horse battery", clientAddress())).status).toBe(200);
  });
});

describe("registration rate limit", () => {
  it("answers 429 with Retry-After past 20 registrations a minute from one address", async () => {
    const address = clientAddress();
    const register = () =>
      from(address).api.auth.register.$post({
        json: { name: "Spam Ltd", email: `${unique("spam")}@example.com`, password: "long enough" },
      });
    const answers = await Promise.all(Array.from({ length: 20 }, register));
    for (const r of answers) expect(r.status).toBe(201);

    const limited = await register();
    await expectProblem(limited, 429, "rate_limited");
    expect(limited.headers.get("Retry-After")).toBe("60");
    const elsewhere = await from(clientAddress()).api.auth.register.$post({
      json: { name: "Fine Ltd", email: `${unique("fine")}@example.com`, password: "long enough" },
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe("attendee registration rate limit", () => {
  const registerFrom = (address: string) =>
    from(address).api.attendees.$post({
      json: { name: "Seat Hoarder", email: `${unique("hoard")}@example.com` },
    });

  it("answers 429 with Retry-After past 20 attendee registrations a minute from one address", async () => {
    const address = clientAddress();
    const answers = await Promise.all(Array.from({ length: 20 }, () => registerFrom(address)));
    for (const r of answers) expect(r.status).toBe(201);

    const limited = await registerFrom(address);
    await expectProblem(limited, 429, "rate_limited");
    expect(limited.headers.get("Retry-After")).toBe("60");
    expect((await registerFrom(clientAddress())).status).toBe(201);
  });

  it("is its own budget: organizer registrations from the address are not spent by it", async () => {
    const address = clientAddress();
    await Promise.all(Array.from({ length: 20 }, () => registerFrom(address)));
    const organizer = await from(address).api.auth.register.$post({
      json: { name: "Fine Ltd", email: `${unique("fine")}@example.com`, password: "long enough" },
    });
    expect(organizer.status).toBe(201);
  });
});
