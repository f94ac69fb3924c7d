// GET /api/runs/:id/events — Server-Sent Events: progress, each item as it lands, end. Closing it stops only the stream,
// never the run.
import { runIdParamsSchema } from "@/lib/schemas/runs";
import { withOperator } from "@/lib/server/route";
import { getRun, runEventStream } from "@/lib/server/runs";

export const GET = withOperator({ role: "viewer", params: runIdParamsSchema }, async ({ params, request }) => {
  await getRun(params.id); // 404 before the stream opens
  return new Response(runEventStream(params.id, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
