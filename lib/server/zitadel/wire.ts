import "server-only";
import { z } from "zod";

// ZITADEL's JSON, as it is on the wire (docs/zitadel-notes.md). Everything it sends is input.

export const ZITADEL_API_AUDIENCE_SCOPE = "urn:zitadel:iam:org:project:id:zitadel:aud";
export const TOKEN_PATH = "/oauth/v2/token";
export const ORGS_ME_PATH = "/management/v1/orgs/me";

const MAX_LIFETIME_SECONDS = 10 * 366 * 24 * 60 * 60;

/** Token success: no `scope`, no `refresh_token` on current versions; `expires_in` is normally 43199. */
export const tokenSuccessSchema = z.object({
  access_token: z
    .string()
    .min(1)
    .max(64 * 1024),
  token_type: z.string().min(1).max(64),
  expires_in: z.number().int().min(0).max(MAX_LIFETIME_SECONDS),
  id_token: z
    .string()
    .min(1)
    .max(64 * 1024)
    .optional(),
});

/** Token error: `{error, error_description?}`; the description is often an untranslated i18n key. */
export const oauthErrorSchema = z.object({
  error: z.string().min(1).max(200),
  error_description: z.string().optional(),
});
export type OAuthError = z.infer<typeof oauthErrorSchema>;

/** Management API error: google.rpc.Status from the gRPC gateway; match on details[0].id, not on the translated message. */
export const grpcErrorSchema = z.object({
  code: z.number().int(),
  message: z.string().optional(),
  details: z.array(z.object({ id: z.string().optional(), message: z.string().optional() }).loose()).optional(),
});
export type GrpcError = z.infer<typeof grpcErrorSchema>;

const rfc3339 = z.iso.datetime({ offset: true });

/** orgs/me in protojson: camelCase, zero values omitted, uint64 as strings, enums by name. */
export const orgsMeSchema = z.object({
  org: z.object({
    id: z.string().min(1).max(200),
    details: z
      .object({
        sequence: z.string().regex(/^\d+$/).optional(),
        creationDate: rfc3339.optional(),
        changeDate: rfc3339.optional(),
        resourceOwner: z.string().optional(),
      })
      .optional(),
    state: z.string().max(64).optional(),
    name: z.string().max(1000).optional(),
    primaryDomain: z.string().max(1000).optional(),
  }),
});
export type OrgsMe = z.infer<typeof orgsMeSchema>;

export const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())).max(100) });
