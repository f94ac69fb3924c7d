// GET /api/health — liveness for load balancers and tests; no auth, no secrets
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
