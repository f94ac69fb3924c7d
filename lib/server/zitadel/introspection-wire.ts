import "server-only";
import { z } from "zod";

// POST {issuer}/oauth/v2/introspect as ZITADEL answers it (docs/zitadel-notes.md#introspection-and-userinfo): RFC 7662 fields with
// ZITADEL's private claims merged in at the top level. Everything it sends is input.

export const INTROSPECT_PATH = "/oauth/v2/introspect";
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const RESOURCE_OWNER_ID_CLAIM = "urn:zitadel:iam:user:resourceowner:id";

const text = (max: number) => z.string().max(max).optional().catch(undefined);
const seconds = z.number().finite().optional().catch(undefined);

/** Only `active` must be right; a field of the wrong type is dropped rather than failing the whole answer. */
export const introspectionAnswerSchema = z.object({
  active: z.boolean(),
  scope: text(4000),
  client_id: text(200),
  token_type: text(64),
  exp: seconds,
  iat: seconds,
  sub: text(200),
  aud: z
    .union([
      z
        .string()
        .max(200)
        .transform((value) => [value]),
      z.array(z.string().max(200)).max(50),
    ])
    .optional()
    .catch(undefined),
  username: text(200),
  preferred_username: text(200),
  iss: text(300),
  [RESOURCE_OWNER_ID_CLAIM]: text(64),
});
