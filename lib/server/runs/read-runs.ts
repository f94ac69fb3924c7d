import "server-only";
import { ApiError } from "@/lib/api-error";
import type { RunDetail, RunDto } from "@/lib/schemas/runs";
import { getStore } from "@/lib/server/store";
import { toRunDto, toRunItemDto } from "./run-dto";

const LIST_LIMIT = 50;

/** The latest runs, newest first. */
export async function listRuns(): Promise<RunDto[]> {
  const rows = await (await getStore()).checkRuns.listRuns(LIST_LIMIT);
  return rows.map((row) => toRunDto(row));
}

/** The run in progress the list page shows on open: the newest running one, whoever started it. */
export async function getActiveRun(): Promise<RunDto | null> {
  const [row] = await (await getStore()).checkRuns.listRunningRuns();
  return row ? toRunDto(row) : null;
}

export async function getRunDetail(id: string): Promise<RunDetail> {
  const runs = (await getStore()).checkRuns;
  const row = await runs.getRun(id);
  if (!row) throw new ApiError("not_found", "No such run.");
  return { run: toRunDto(row), items: (await runs.listItems(id)).map(toRunItemDto) };
}

export async function getRun(id: string): Promise<RunDto> {
  const row = await (await getStore()).checkRuns.getRun(id);
  if (!row) throw new ApiError("not_found", "No such run.");
  return toRunDto(row);
}
