import "server-only";
import type { Operator } from "@/lib/server/auth";

/** Who is acting, from which request: passed to every use case, recorded with every audit row. */
export interface RequestContext {
  operator: Operator;
  requestId: string;
  ip: string | null;
}

/** A failure answered with 200 (a diagnosis) still names its request, so its log line and audit row can be found. */
export function withRequestId<D extends { requestId?: string }>(diagnosis: D | undefined, context: RequestContext): D | undefined {
  return diagnosis ? { ...diagnosis, requestId: context.requestId } : undefined;
}
