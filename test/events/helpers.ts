import { expect } from "vitest";
import { api, expectProblem } from "../helpers";

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Lets the clock move, so rows created one after another get distinct createdAt values. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

export const listOf = async (query: Record<string, string | number>) => {
  const params = new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  );
  const res = await api("GET", `/api/events?${params}`);
  expect(res.status).toBe(200);
  return res.body as { data: any[]; pagination: { limit: number; offset: number; total: number } };
};

export const titlesOf = (page: { data: any[] }) => page.data.map((event) => event.title);

export const expectFieldError = (res: any, path: string) => {
  expectProblem(res, 422, "validation_failed");
  expect(res.body.errors.map((error: any) => error.path)).toContain(path);
};
