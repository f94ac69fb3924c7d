// GET /api/runs/:id/events — Server-Sent Events: progress, each item as it lands, end. Closing it stops only the stream,
// never the run.
import { z } from "zod";
import { runIdParamsSchema } from "@/lib/schemas/runs";
import { isStillAllowed } from "@/lib/server/auth";
import { withOperator } from "@/lib/server/route";
import { getRun, runEventStream } from "@/lib/server/runs";

const eventStreamSchema = {
  content: {
    "text/event-stream": z
      .string()
      .describe("Events `progress` (the run's counts), `item` (one item's outcome) and `end`, each data line JSON."),
  },
};

export const GET = withOperator(
  { role: "viewer", params: runIdParamsSchema, response: { 200: eventStreamSchema } },
  async ({ params, request, context }) => {
    await getRun(params.id); // 404 before the stream opens
    // The caller is checked again while the stream is open: it may outlive the session (or machine) it started with.
    const stillAllowed = () => isStillAllowed(context.operator, "viewer");
    return new Response(runEventStream(params.id, request.signal, stillAllowed), {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  },
);
