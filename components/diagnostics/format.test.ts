import { describe, expect, it } from "vitest";
import { formatCountdown, formatLatency } from "./format";

describe("a token's countdown", () => {
  it.each([
    [65_000, "1 m 05 s"],
    [59 * 60_000 + 59_000, "59 m 59 s"],
    [60 * 60_000, "1 h 00 m 00 s"],
    // ZITADEL's expires_in: 43199 seconds.
    [43_199_000, "11 h 59 m 59 s"],
    [1_999, "1 s"],
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
