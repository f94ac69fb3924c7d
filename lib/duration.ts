// The one way the console writes a length of time, server messages and browser panels alike: "850 ms", "1.5 s",
// "42 s", "4 m 05 s", "11 h 59 m 58 s". Units h, m, s, ms, always with a space; lower units two digits wide.

const SECOND = { unit: "s", ms: 1000 } as const;
const UNITS = [{ unit: "h", ms: 3_600_000 }, { unit: "m", ms: 60_000 }, SECOND] as const;

export interface DurationStyle {
  /** How many units to show from the largest one (all down to seconds unless said): 1 gives "3 m", 2 "3 m 05 s". */
  parts?: number;
  /** Round the last unit shown down (a countdown, an age: the default) or up (a wait: never shorter than asked). */
  round?: "down" | "up";
}

export function formatDuration(ms: number, style: DurationStyle = {}): string {
  const value = Math.max(0, ms);
  // Under a minute the seconds keep their tenths ("1.5 s"); under a second the milliseconds speak for themselves.
  if (value > 0 && value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${formatSeconds(value, style.round)} s`;
  const parts = style.parts ?? UNITS.length;
  const step = (UNITS[largestUnit(value) + parts - 1] ?? SECOND).ms;
  const rounded = (style.round === "up" ? Math.ceil(value / step) : Math.floor(value / step)) * step;
  // Rounding up may reach the next unit (59.5 m → "1 h"): the units shown follow the rounded value.
  const shown = UNITS.slice(largestUnit(rounded), largestUnit(rounded) + parts).filter((entry) => entry.ms >= step);
  let left = rounded;
  return shown
    .map((entry, index) => {
      const count = Math.floor(left / entry.ms);
      left -= count * entry.ms;
      return `${index === 0 ? count : String(count).padStart(2, "0")} ${entry.unit}`;
    })
    .join(" ");
}

function largestUnit(ms: number): number {
  return Math.max(
    0,
    UNITS.findIndex((entry) => ms >= entry.ms),
  );
}

function formatSeconds(ms: number, round: DurationStyle["round"]): string {
  if (round === "up") return String(Math.ceil(ms / 1000));
  const tenths = Math.floor(ms / 100) / 10;
  return Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1);
}
