import { describe, expect, it } from "vitest";
import { formatCountdown, formatLatency, minutesLeft } from "./format";

describe("a token's countdown", () => {
  it.each([
    [65_000, "01:05"],
    [59 * 60_000 + 59_000, "59:59"],
    [60 * 60_000, "1 h 00 m 00 s"],
    // ZITADEL's expires_in: 43199 seconds.
    [43_199_000, "11 h 59 m 59 s"],
    [1_999, "00:01"],
  ])("shows %d ms left as %s", (msLeft, text) => {
    expect(formatCountdown(msLeft)).toBe(text);
  });

  it("says expired at zero and after, never a negative time", () => {
    expect(formatCountdown(0)).toBe("expired");
    expect(formatCountdown(-90_000)).toBe("expired");
  });
});

describe("an exchange's latency", () => {
  it("is in milliseconds under a second and in seconds above", () => {
    expect(formatLatency(42.4)).toBe("42 ms");
    expect(formatLatency(1_540)).toBe("1.5 s");
  });

  it("is a dash when there was no answer to time", () => {
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(undefined)).toBe("—");
  });
});

describe('"cached, N min left"', () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const at = (ms: number) => new Date(now + ms).toISOString();

  it("counts whole minutes down", () => {
    expect(minutesLeft(at(10 * 60_000 + 59_000), now)).toBe(10);
  });

  it("never says 0 min left while the token still works", () => {
    expect(minutesLeft(at(30_000), now)).toBe(1);
  });

  it("is 0 once the token has expired", () => {
    expect(minutesLeft(at(0), now)).toBe(0);
    expect(minutesLeft(at(-60_000), now)).toBe(0);
  });
});
