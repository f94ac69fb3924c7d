import { z } from "@/lib/zod";
import { diagnosisSchema } from "./diagnostics";

// "Try a call": any method and path of ZITADEL's APIs on the credential's own issuer, sent with its token. The path is
// relative to the issuer, so no other host can be named.

export const API_CALL_PREFIXES = ["/management/v1/", "/auth/v1/", "/admin/v1/", "/v2/", "/oidc/v1/userinfo"] as const;
export const apiCallMethods = ["GET", "POST", "PUT", "DELETE"] as const;
export type ApiCallMethod = (typeof apiCallMethods)[number];

export const MAX_CALL_BODY = 64 * 1024;

/** Calls that read: an operator may send them; anything that may change ZITADEL needs an admin. */
export function isReadCall(method: ApiCallMethod, path: string): boolean {
  const pathname = path.split("?")[0] ?? "";
  return method === "GET" || (method === "POST" && /\/_search$/.test(pathname));
}

const callPathSchema = z
  .string()
  .trim()
  .min(1, "Enter a path, for example /auth/v1/users/me.")
  .max(2000, "At most 2,000 characters.")
  .refine((path) => path.startsWith("/") && !path.startsWith("//"), "Start with a single /: the path is sent to the credential's issuer.")
  .refine((path) => !/[\s\\\u0000-\u001f\u007f#]/.test(path), "No spaces, backslashes, control characters or #.")
  .refine((path) => !/(^|\/)\.\.?(\/|$|\?)/.test(path.split("?")[0] ?? ""), "No . or .. segments.")
  .refine(
    (path) => API_CALL_PREFIXES.some((prefix) => path.startsWith(prefix)),
    `Only ZITADEL's APIs: a path under ${API_CALL_PREFIXES.join(", ")}.`,
  );

export const apiCallRequestSchema = z
  .object({
    method: z.enum(apiCallMethods),
    path: callPathSchema,
    /** JSON text for POST and PUT; empty or absent sends none. */
    body: z.string().max(MAX_CALL_BODY, "At most 64 KB.").optional(),
  })
  .superRefine((call, ctx) => {
    if (!call.body?.trim()) return;
    if (call.method === "GET" || call.method === "DELETE") {
      ctx.addIssue({ code: "custom", path: ["body"], message: `A ${call.method} sends no body.` });
      return;
    }
    try {
      JSON.parse(call.body);
    } catch {
      ctx.addIssue({ code: "custom", path: ["body"], message: "The body must be JSON, as ZITADEL's REST API reads it." });
    }
  });
export type ApiCallRequest = z.infer<typeof apiCallRequestSchema>;

export const apiCallResultSchema = z.object({
  method: z.enum(apiCallMethods),
  /** The full URL called: the issuer and the path. */
  url: z.string(),
  /** ZITADEL's HTTP status; null when no answer came (the diagnosis says why). */
  status: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  contentType: z.string().nullable(),
  /** The answer's text (JSON pretty-printed), cut at 64 KB; never the token. */
  body: z.string().nullable(),
  truncated: z.boolean(),
  diagnosis: diagnosisSchema.optional(),
  tokenCached: z.boolean(),
  /** The same call as curl, with $TOKEN read from the terminal. */
  curl: z.string(),
  checkedAt: z.string(),
});
export type ApiCallResult = z.infer<typeof apiCallResultSchema>;

/** Useful calls to start from; all read, so an operator may send them. */
export const API_CALL_PRESETS: { label: string; method: ApiCallMethod; path: string; body?: string }[] = [
  { label: "Who am I (Auth API)", method: "GET", path: "/auth/v1/users/me" },
  { label: "My organization", method: "GET", path: "/management/v1/orgs/me" },
  {
    label: "Members of my organization",
    method: "POST",
    path: "/management/v1/orgs/me/members/_search",
    body: '{ "query": { "limit": 20 } }',
  },
  { label: "Organizations I can read (v2)", method: "POST", path: "/v2/organizations/_search", body: '{ "query": { "limit": 20 } }' },
  { label: "OIDC userinfo", method: "GET", path: "/oidc/v1/userinfo" },
];
