import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { retryDelayMs } from "./retry-policy";

describe("retryDelayMs", () => {
  it("waits as long as a rate limit's Retry-After says, however often it was tried", () => {
    const limited = new ApiError("rate_limited", "Too many tests.", { retryAfterSeconds: 42 });
    expect(retryDelayMs(limited, 0)).toBe(42_000);
    expect(retryDelayMs(limited, 9)).toBe(42_000);
  });

  it("does not ask again when the answer was a refusal", () => {
    expect(retryDelayMs(new ApiError("forbidden", "Viewers may not."), 0)).toBeNull();
    expect(retryDelayMs(new ApiError("not_found", "Gone."), 0)).toBeNull();
  });

  it("backs off on server errors and network failures, and gives up after five tries", () => {
    expect(retryDelayMs(new ApiError("internal", "Oops."), 0)).toBe(1000);
    expect(retryDelayMs(new ApiError("network", "The console could not be reached."), 2)).toBe(4000);
    expect(retryDelayMs(new TypeError("Failed to fetch"), 3)).toBe(8000);
    expect(retryDelayMs(new TypeError("Failed to fetch"), 5)).toBeNull();
  });
});
