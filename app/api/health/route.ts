// GET /api/health — liveness and readiness for load balancers and tests; no auth, no secrets
import { z } from "zod";
import { NO_STORE, publicRoute } from "@/lib/server/route";
import { isStoreReady } from "@/lib/server/startup";

const healthSchema = z.object({ status: z.enum(["ok", "unavailable"]), store: z.enum(["ready", "unavailable"]) });

// Answers from memory, never from the database or ZITADEL, so it stays fast under any load. While the store is not
// ready (unreachable or locked at start) the API answers 503, and so does this.
export const GET = publicRoute({ 200: healthSchema, 503: healthSchema }, () => {
  if (isStoreReady()) return Response.json({ status: "ok", store: "ready" }, { headers: NO_STORE });
  return Response.json({ status: "unavailable", store: "unavailable" }, { status: 503, headers: NO_STORE });
});
