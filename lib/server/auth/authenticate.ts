import "server-only";
import { ApiError } from "@/lib/api-error";
import type { Access } from "@/lib/schemas/roles";
import { getMachine, isMachineAllowed } from "./machines";
import { getOperator, hasSessionCookie, isSessionAllowed, type Operator } from "./sessions";

// Who is calling: a person through the session cookie, or a machine through `Authorization: Bearer`. Never both: a
// request that carries both is refused rather than guessed at.

export interface Caller {
  operator: Operator | null;
  /** A bearer request carries no ambient credential: a page on another site cannot make a browser send it. */
  via: "cookie" | "bearer";
  /** A machine an admin disabled: known, refused. */
  isDisabled: boolean;
}

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

export async function authenticate(request: Request): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return { operator: await getOperator(), via: "cookie", isDisabled: false };
  if (await hasSessionCookie()) {
    throw new ApiError("bad_request", "Send either the session cookie or a bearer token, not both.", {
      hint: "Scripts send only Authorization: Bearer <token>.",
    });
  }
  const token = BEARER.exec(authorization)?.[1];
  if (!token) {
    throw new ApiError("unauthorized", "The Authorization header is not a bearer token.", {
      hint: "Send Authorization: Bearer <a service user's access token from the console's ZITADEL>.",
    });
  }
  const { operator, isDisabled } = await getMachine(token);
  return { operator, via: "bearer", isDisabled };
}

/** For a long-lived answer (a stream) that may outlive what let it start: the session, or the machine's standing. */
export function isStillAllowed(operator: Operator, access: Access): Promise<boolean> {
  return operator.kind === "machine" ? isMachineAllowed(operator.id, access) : isSessionAllowed(operator.sessionIdHash, access);
}
