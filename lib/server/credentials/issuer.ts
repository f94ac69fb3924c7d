import "server-only";
import { ApiError } from "@/lib/api-error";
import { checkIssuerUrl } from "@/lib/server/http/address-policy";

/** The SSRF policy's verdict on an issuer, as a field error the form can show under the issuer input. */
export function assertIssuerAllowed(issuer: string): string {
  const check = checkIssuerUrl(issuer);
  if (check.ok) return check.origin;
  throw new ApiError("validation_failed", "This issuer cannot be used.", { fields: { issuer: [check.reason] } });
}
