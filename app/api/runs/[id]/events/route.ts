// GET /api/runs/:id/events — Server-Sent Events: progress, each item as it lands, end. Closing it stops only the stream,
// never the run.
import { z } from "zod";
import { runIdParamsSchema } from "@/lib/schemas/runs";
import { withOperator } from "@/lib/server/route";
import { getRun, runEventStream } from "@/lib/server/runs";

export const dynamic = "force-dynamic";

const eventStreamSchema = {
  content: {
    "text/event-stream": z
      .string()
      .describe("Events `progress` (the run's counts), `item` (one item's outcome) and `end`, each data line JSON."),
  },
};

export const GET = withOperator(
  { role: "viewer", params: runIdParamsSchema, response: { 200: eventStreamSchema } },
  async ({ params, request }) => {
    await getRun(params.id); // 404 before the stream opens
    return new Response(runEventStream(params.id, request.signal), {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  },
);
