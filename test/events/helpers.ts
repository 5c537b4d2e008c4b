import { expect } from "vitest";
import { anyone, bodyOf, expectProblem } from "../client";

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Lets the clock move, so rows created one after another get distinct createdAt values. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

type EventsQuery = NonNullable<Parameters<typeof anyone.api.events.$get>[0]>["query"];

/** GET /api/events with these filters, numbers sent as the strings a URL carries. */
export const listOf = async (query: { [K in keyof EventsQuery]?: string | number }) => {
  const strings = Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  ) as EventsQuery;
  return bodyOf(await anyone.api.events.$get({ query: strings }), 200);
};

export const titlesOf = (page: { data: { title: string }[] }) =>
  page.data.map((event) => event.title);

export const expectFieldError = async (res: Parameters<typeof expectProblem>[0], path: string) => {
  const problem = await expectProblem(res, 422, "validation_failed");
  expect(problem.errors?.map((error) => error.path)).toContain(path);
};
