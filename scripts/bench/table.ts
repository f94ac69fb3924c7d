// The benchmark's table: one row per scenario, medians first.
import type { Summary } from "./measure";

export interface Row {
  scenario: string;
  /** Timings, or a figure in another unit (written out, e.g. "412.3 KiB"). */
  console: Summary | string;
  direct?: Summary;
  ratio?: number;
  budget?: string;
  note?: string;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)}`;
const cell = (summary: Summary | string | undefined) =>
  typeof summary === "string"
    ? summary
    : summary
      ? `${ms(summary.medianMs)} (p95 ${ms(summary.p95Ms)}, ${ms(summary.minMs)}–${ms(summary.maxMs)})`
      : "";

export function printTable(rows: readonly Row[]): void {
  const header = ["scenario", "console: ms median (p95, min–max)", "baseline: ms median (p95, min–max)", "ratio", "budget", "note"];
  const lines = rows.map((row) => [
    row.scenario,
    cell(row.console),
    cell(row.direct),
    row.ratio === undefined ? "" : `${row.ratio}×`,
    row.budget ?? "",
    row.note ?? "",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (line: string[]) => `| ${line.map((text, column) => text.padEnd(widths[column]!)).join(" | ")} |`;
  console.log(`\n${format(header)}\n| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`);
  for (const line of lines) console.log(format(line));
}
