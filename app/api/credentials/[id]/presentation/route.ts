// GET /api/credentials/:id/presentation — the latest recorded check, replayed for the presenter view, and the failures "Break it" shows
import { idParamsSchema } from "@/lib/schemas/params";
import { presentationSchema } from "@/lib/schemas/presentation";
import { getPresentation } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

// Redacted results only (what the diagnostics panels show) and nothing is run: a viewer may present too.
export const GET = withOperator({ role: "viewer", params: idParamsSchema, response: { 200: presentationSchema } }, async ({ params }) =>
  getPresentation(params.id),
);
