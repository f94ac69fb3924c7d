// GET /api/metrics — Prometheus text format for a scraper holding METRICS_TOKEN; off (404) unless it is set
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { isMetricsToken, renderMetrics } from "@/lib/server/metrics";
import { NO_STORE, publicRoute } from "@/lib/server/route";

const metricsSchema = { content: { "text/plain": z.string().describe("Prometheus text exposition format.") } };

export const GET = publicRoute({ 200: metricsSchema }, async (request: Request): Promise<Response> => {
  const configured = getEnv().METRICS_TOKEN;
  // Off unless configured: the route then looks like any path that does not exist.
  if (!configured) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404, headers: NO_STORE });
  const presented = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!presented || !isMetricsToken(presented, configured)) {
    return Response.json(
      { error: { code: "unauthorized", message: "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>." } },
      { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { ...NO_STORE, "Content-Type": contentType } });
});
