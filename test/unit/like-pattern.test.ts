import { describe, expect, it } from "vitest";
import { likePattern } from "../../src/db/events";

describe("likePattern", () => {
  it.each([
    ["symfony", "%symfony%"],
    ["100%", "%100\\%%"],
    ["snake_case", "%snake\\_case%"],
    ["back\\slash", "%back\\\\slash%"],
    ["%_\\", "%\\%\\_\\\\%"],
    ["", "%%"],
  ])("wraps %j as %j, escaping LIKE wildcards", (text, pattern) => {
    expect(likePattern(text)).toBe(pattern);
  });
});
