import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { call } from "../bench/client";
import { root, type Server, startServer } from "../bench/server";

let server: Server;

const seed = () =>
  new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn("npx", ["tsx", "test/seed/run.ts", "--url", server.url], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout }));
  });

beforeAll(async () => {
  server = await startServer();
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

it("seeds a running server twice, printing credentials that work", async () => {
  const first = await seed();
  expect(first.code, first.stdout).toBe(0);
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

  const token = /token\s+(at_\S+)/.exec(second.stdout)?.[1];
  const own = await call(server.url, "GET", "/api/bookings", { token });
  expect(own.status).toBe(200);
  expect(own.body.pagination.total).toBeGreaterThan(0);
}, 180_000);
