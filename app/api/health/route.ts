// GET /api/health — liveness for load balancers and tests; no auth, no secrets
import { z } from "zod";
import { publicRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute({ 200: z.object({ status: z.literal("ok") }) }, () =>
  Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
);
