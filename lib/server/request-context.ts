import "server-only";
import type { Operator } from "@/lib/server/auth";

/** Who is acting, from which request: passed to every use case, recorded with every audit row. */
export interface RequestContext {
  operator: Operator;
  requestId: string;
  ip: string | null;
}
