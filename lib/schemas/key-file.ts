import { z } from "@/lib/zod";

// The JSON key file ZITADEL downloads for a service user (Users → Service Users → <user> → Keys → New, type JSON):
// `{"type":"serviceaccount","keyId","key","userId","expirationDate"}`. Browser-safe: the form checks the shape as the
// operator pastes; whether `key` is a readable RSA private key is checked on the server, which alone ever holds it.

export const MAX_KEY_FILE_CHARS = 20_000;

export const APPLICATION_KEY_MESSAGE =
  "This is an API application's key, used to authenticate an application (e.g. for introspection), not a service user. " +
  "Download a key of the service user: Users → Service Users → <user> → Keys.";

const NOT_A_KEY_FILE =
  'This is not a ZITADEL key file: paste the whole JSON file ZITADEL downloaded (it starts with {"type":"serviceaccount"…).';

export interface ServiceUserKeyFile {
  keyId: string;
  userId: string;
  /** The PEM private key (PKCS#1 or PKCS#8). Never leaves the server once submitted. */
  key: string;
  /** The key's expirationDate as ISO 8601 UTC, or null when the file names none. */
  expiresAt: string | null;
}

const idField = (name: string) =>
  z
    .string({ error: `The key file has no ${name}; download the key file again from ZITADEL.` })
    .trim()
    .min(1, `The key file's ${name} is empty; download the key file again from ZITADEL.`)
    .max(200, `The key file's ${name} is too long for a ZITADEL id.`)
    .regex(/^[\w.@-]+$/, `The key file's ${name} has characters a ZITADEL id never has.`);

const keyFileShape = z.object({
  type: z.string().optional(),
  keyId: idField("keyId"),
  userId: idField("userId"),
  key: z
    .string({ error: "The key file has no key; download the key file again from ZITADEL." })
    .min(1, "The key file's key is empty; download the key file again from ZITADEL.")
    .refine((value) => /-----BEGIN (RSA )?PRIVATE KEY-----/.test(value), "The key file's key is not a PEM private key."),
  expirationDate: z.string().optional(),
});

/** The key file's text (as pasted or read from the downloaded file) → its fields, or a plain-language refusal. */
export const keyFileSchema = z
  .string({ error: "Paste the service user's key file (JSON)." })
  .trim()
  .min(1, "Paste the service user's key file (JSON).")
  .max(MAX_KEY_FILE_CHARS, "This is too long for a ZITADEL key file.")
  .transform((text, ctx): ServiceUserKeyFile => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: NOT_A_KEY_FILE });
      return z.NEVER;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      ctx.addIssue({ code: "custom", message: NOT_A_KEY_FILE });
      return z.NEVER;
    }
    const type = (json as { type?: unknown }).type;
    if (type === "application") {
      ctx.addIssue({ code: "custom", message: APPLICATION_KEY_MESSAGE });
      return z.NEVER;
    }
    if (type !== undefined && type !== "serviceaccount") {
      ctx.addIssue({
        code: "custom",
        message: `This key file is of type "${String(type).slice(0, 40)}"; a service user's key file is of type "serviceaccount".`,
      });
      return z.NEVER;
    }
    const parsed = keyFileShape.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? NOT_A_KEY_FILE });
      return z.NEVER;
    }
    const { keyId, userId, key, expirationDate } = parsed.data;
    let expiresAt: string | null = null;
    if (expirationDate !== undefined) {
      const time = Date.parse(expirationDate);
      if (Number.isNaN(time)) {
        ctx.addIssue({ code: "custom", message: "The key file's expirationDate is not a date; download the key file again from ZITADEL." });
        return z.NEVER;
      }
      expiresAt = new Date(time).toISOString();
    }
    return { keyId, userId, key, expiresAt };
  });
