import { managementErrors } from "./errors";
import type { Reply } from "./http";
import type { Caller } from "./management";
import type { Org } from "./seed";

/** One authorized Management API call, as a provisioning handler gets it. */
export interface Call<Body = unknown> {
  caller: Caller;
  /** The org of the request: x-zitadel-orgid, else the caller's own. */
  org: Org;
  /** Path parameters, in order. */
  params: string[];
  body: Body;
  url: URL;
}

/** protoc-gen-validate's message for a string length rule, as ZITADEL's validation interceptor sends it (no id). */
export function lengthViolation(request: string, field: string, value: string, min: number, max: number): Reply | undefined {
  const runes = [...value].length;
  if (runes >= min && runes <= max) return undefined;
  const rule = min === 0 ? `at most ${max} runes` : `between ${min} and ${max} runes, inclusive`;
  return managementErrors.invalidArgument(`invalid ${request}.${field}: value length must be ${rule}`);
}
