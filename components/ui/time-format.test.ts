import { describe, expect, it } from "vitest";
import { formatAgo, formatDateTime } from "./time-format";

const now = Date.parse("2026-03-10T12:00:00Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("how long ago", () => {
  it.each([
    [0, "0 s ago"],
    [59 * SECOND, "59 s ago"],
    [MINUTE, "1 m ago"],
    [59 * MINUTE + 59 * SECOND, "59 m ago"],
    [HOUR, "1 h ago"],
    [23 * HOUR + 59 * MINUTE, "23 h ago"],
    [DAY, "yesterday"],
    [3 * DAY, "3 days ago"],
    [6 * DAY + 23 * HOUR, "6 days ago"],
  ])("%d ms back reads %s", (elapsed, text) => {
    expect(formatAgo(now - elapsed, now)).toBe(text);
    expect(formatAgo(new Date(now - elapsed).toISOString(), now)).toBe(text);
  });

  it("gives the date and time itself from a week back", () => {
    const then = now - 8 * DAY;
    expect(formatAgo(then, now)).toBe(formatDateTime(then));
  });

  it("does not put a server time a little ahead of this browser's clock in the future", () => {
    expect(formatAgo(now + 3 * SECOND, now)).toBe("0 s ago");
  });

  it("is a dash for a value that is not a time", () => {
    expect(formatAgo("not a date", now)).toBe("—");
  });
});

describe("a date and time", () => {
  it("shows the date and the time to the second, the same for an ISO string, epoch milliseconds and a Date", () => {
    const iso = "2026-03-10T12:34:56Z";
    const text = formatDateTime(iso);
    expect(text).toContain("2026");
    expect(text).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    expect(formatDateTime(Date.parse(iso))).toBe(text);
    expect(formatDateTime(new Date(iso))).toBe(text);
  });

  it("is a dash for no value or one that is not a date", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
    expect(formatDateTime("yesterday-ish")).toBe("—");
  });
});
