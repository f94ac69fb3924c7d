// GET /api/health — liveness and readiness for load balancers and tests; no auth, no secrets
import { isStoreReady } from "@/lib/server/startup";

export const dynamic = "force-dynamic";

// Answers from memory, never from the database or ZITADEL, so it stays fast under any load. While the store is not
// ready (unreachable or locked at start) the API answers 503, and so does this.
export function GET() {
  const headers = { "Cache-Control": "no-store" };
  if (isStoreReady()) return Response.json({ status: "ok", store: "ready" }, { headers });
  return Response.json({ status: "unavailable", store: "unavailable" }, { status: 503, headers });
}
