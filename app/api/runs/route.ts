// POST /api/runs — start a test-all run (all, selected ids, or what the list's filter shows); 201 with the run
// GET  /api/runs — the latest runs, newest first, and the one in progress
import { runDtoSchema, runsResponseSchema, startRunSchema } from "@/lib/schemas/runs";
import { json, withOperator } from "@/lib/server/route";
import { getActiveRun, listRuns, startRun } from "@/lib/server/runs";

export const POST = withOperator(
  { role: "operator", body: startRunSchema, maxBodyBytes: 512 * 1024, response: { 201: runDtoSchema } },
  async ({ body, context }) => json(await startRun(context, body.scope), 201),
);

export const GET = withOperator({ role: "viewer", response: { 200: runsResponseSchema } }, async () => {
  const [items, active] = await Promise.all([listRuns(), getActiveRun()]);
  return { items, active };
});
