import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe("one way to write a length of time", () => {
  it.each([
    [0, {}, "0 s"],
    [42.4, {}, "42 ms"],
    [1_540, {}, "1.5 s"],
    [2_500, {}, "2.5 s"],
    [42 * S, {}, "42 s"],
    [M + 5 * S, {}, "1 m 05 s"],
    [59 * M + 59 * S, {}, "59 m 59 s"],
    [H, {}, "1 h 00 m 00 s"],
    [11 * H + 59 * M + 59 * S, {}, "11 h 59 m 59 s"],
    [3 * M + 5 * S, { parts: 2 }, "3 m 05 s"],
    [2 * H + 5 * M + 30 * S, { parts: 2 }, "2 h 05 m"],
    [59 * M + 59 * S, { parts: 1 }, "59 m"],
    [23 * H + 59 * M, { parts: 1 }, "23 h"],
  ] as const)("%d ms as %o reads %s", (ms, style, text) => {
    expect(formatDuration(ms, style)).toBe(text);
  });

  it("rounds a wait up, so it is never shorter than the one asked for", () => {
    expect(formatDuration(299 * S, { parts: 1, round: "up" })).toBe("5 m");
    expect(formatDuration(44.2 * S, { parts: 1, round: "up" })).toBe("45 s");
    expect(formatDuration(59 * M + 30 * S, { parts: 1, round: "up" })).toBe("1 h");
  });

  it("shows no negative length", () => {
    expect(formatDuration(-5 * S)).toBe("0 s");
  });
});
