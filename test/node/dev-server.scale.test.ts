import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json";
import { call } from "../bench/client";
import { root, type Server, startServer } from "../bench/server";

let server: Server;

/** Runs `npm run seed`; without `--url` it reads the address `npm start` wrote down. */
const seed = (args = ["--url", server.url], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn("npx", ["tsx", "test/seed/run.ts", ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout }));
  });

// Longer than the migration and health deadlines together, so their own error, with
// wrangler's last lines, is the one reported.
beforeAll(async () => {
  server = await startServer();
}, 260_000);

afterAll(async () => {
  await server?.stop();
});

it("seeds a running server twice, printing credentials that work", async () => {
  const urlFile = path.join(await mkdtemp(path.join(tmpdir(), "dev-url-")), "dev-url");
  await writeFile(urlFile, `${server.url}\n`);
  const first = await seed([], { DEV_URL_FILE: urlFile });
  expect(first.code, first.stdout).toBe(0);
  expect(first.stdout).toContain(server.url);
  const second = await seed();
  expect(second.code, second.stdout).toBe(0);

  const email = /email\s+(\S+)/.exec(second.stdout)?.[1];
  const password = /password\s+(\S+)/.exec(second.stdout)?.[1];
  const login = await call(server.url, "POST", "/api/auth/login", { body: { email, password } });
  expect(login.status).toBe(200);

  const mine = await call(
    server.url,
    "GET",
    `/api/events?organizerId=${login.body.user.id}&limit=100`,
  );
  expect(mine.body.pagination.total).toBe(12);
  const countries = new Set(mine.body.data.map((e: any) => e.country));
  expect(countries.size).toBeGreaterThanOrEqual(10);
  const statuses = new Set(mine.body.data.map((e: any) => e.status));
  expect(statuses).toContain("scheduled");
  expect(statuses).toContain("cancelled");
  const booked = mine.body.data.reduce((sum: number, e: any) => sum + e.bookedCount, 0);
  expect(booked).toBeGreaterThan(20);
  expect(mine.body.data.some((e: any) => e.waitlistCount > 0)).toBe(true);
  // An event sold as several types (one hidden), with codes, one booking using one.
  const typed = mine.body.data.find((e: any) => e.ticketTypes.length >= 3);
  expect(typed?.priceFrom).toBeLessThan(typed?.price);
  const orgBookings = await call(server.url, "GET", `/api/events/${typed.id}/bookings`, {
    token: login.body.token,
  });
  expect(
    orgBookings.body.data.some((b: any) => b.promoCode === "SWIM10" && b.items.length === 2),
  ).toBe(true);

  const token = /token\s+(at_\S+)/.exec(second.stdout)?.[1];
  const own = await call(server.url, "GET", "/api/bookings", { token });
  expect(own.status).toBe(200);
  expect(own.body.pagination.total).toBeGreaterThan(0);
}, 180_000);

describe("/docs assets", () => {
  const base = `/docs/assets/swagger-ui-${pkg.dependencies["swagger-ui-dist"]}`;
  const types: Record<string, RegExp> = {
    "swagger-ui-bundle.js": /^(text|application)\/javascript/,
    "swagger-ui.css": /^text\/css/,
  };

  it("are served as static assets, with their type and a cache life of a year", async () => {
    for (const [file, type] of Object.entries(types)) {
      const res = await fetch(`${server.url}${base}/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type"), file).toMatch(type);
      expect(res.headers.get("cache-control"), file).toBe("public, max-age=31536000, immutable");
      // The Worker answers with X-Request-Id; an asset never reaches it.
      expect(res.headers.get("x-request-id"), file).toBeNull();
      expect((await res.text()).length, file).toBeGreaterThan(100_000);
    }
  });

  it("leave every other path to the Worker, which answers problem details", async () => {
    const res = await fetch(`${server.url}${base}/swagger-ui-bundle.js.map`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("x-request-id")).not.toBeNull();
  });
});
