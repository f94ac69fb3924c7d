import "server-only";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { tagFilterSchema } from "@/lib/schemas/credential";
import { DEFAULT_SHARE_LINK_HOURS } from "@/lib/schemas/share-links";

// Every setting the app reads, parsed once. Nothing else in the app reads process.env.

const DEMO_EMULATOR_ISSUER = "http://localhost:8080";
const DEMO_CLIENT_ID = "m2m-console";
const DEMO_CLIENT_SECRET = "m2m-console-demo-secret";

const origin = z
  .string()
  .trim()
  .url()
  .transform((value) => new URL(value).origin);

const originList = z
  .string()
  .default("")
  .transform((value, ctx) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        try {
          return new URL(item).origin;
        } catch {
          ctx.addIssue({ code: "custom", message: `"${item}" is not an origin such as https://acme.zitadel.cloud` });
          return z.NEVER;
        }
      }),
  );

// "key=role,key=role": ZITADEL project role keys (or logins / e-mails) to console roles.
const roleMap = (example: string, fallback = "") =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const map = new Map<string, "viewer" | "operator" | "admin">();
      for (const item of value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)) {
        const [key, role] = item.split("=").map((part) => part.trim());
        if (!key || (role !== "viewer" && role !== "operator" && role !== "admin")) {
          ctx.addIssue({ code: "custom", message: `"${item}" is not key=role with role viewer, operator or admin (e.g. ${example})` });
          return z.NEVER;
        }
        map.set(key.toLowerCase(), role);
      }
      return map;
    });

const base64Key = z
  .string()
  .trim()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded");

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A PEM bundle of extra CAs for issuers with a private CA: every certificate in it must parse. */
const caFile = z
  .string()
  .trim()
  .min(1)
  .transform((path, ctx) => {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      ctx.addIssue({
        code: "custom",
        message: `(${path}) cannot be read (${code}): point it at a PEM file holding the issuer's CA certificate(s)`,
      });
      return z.NEVER;
    }
    const certificates = text.match(PEM_CERTIFICATE) ?? [];
    if (certificates.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `(${path}) holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)`,
      });
      return z.NEVER;
    }
    const broken = certificates.findIndex((pem) => !isCertificate(pem));
    if (broken >= 0) {
      ctx.addIssue({ code: "custom", message: `(${path}): certificate ${broken + 1} of ${certificates.length} cannot be parsed` });
      return z.NEVER;
    }
    return certificates;
  });

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
// "login:password:role,…": what the sign-in page shows a newcomer to the demo. The role is any word ("none" too).
const demoLogins = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const logins: { login: string; password: string; role: string }[] = [];
    for (const item of value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)) {
      const [login, password, role, ...rest] = item.split(":").map((part) => part.trim());
      if (!login || !password || !role || rest.length > 0) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not login:password:role (e.g. ada:demo-password:admin)` });
        return z.NEVER;
      }
      logins.push({ login, password, role });
    }
    return logins;
  });

const perMinute = z.coerce.number().int().min(1).max(100_000);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_ORIGIN: origin.default("http://localhost:3000"),
    NEXTAUTH_SECRET: z
      .string({ error: "is missing: set it to a random string of 32+ characters (`npm run demo` generates one)" })
      .min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)"),
    SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24).default(8),
    AUTH_ZITADEL_ISSUER: origin.default(DEMO_EMULATOR_ISSUER),
    AUTH_ZITADEL_CLIENT_ID: z.string().min(1).optional(),
    AUTH_ZITADEL_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_ZITADEL_PROJECT_ID: z.string().regex(/^\d+$/, "must be the numeric id of the console's ZITADEL project").optional(),
    AUTH_ROLE_MAP: roleMap("console.admin=admin", "admin=admin,operator=operator,viewer=viewer"),
    AUTH_STATIC_ROLES: roleMap("ada@example.com=admin"),
    // A validated bearer token (a service user's) is trusted this long at most before it is checked again with ZITADEL.
    BEARER_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (leave it unset for the embedded SQLite store)")
      .optional(),
    SQLITE_PATH: z.string().min(1).default("data/db/console.sqlite"),
    // The issuer the register and import forms start with (`npm run demo` sets the emulator's); unset, they start empty.
    DEFAULT_ISSUER: origin.optional(),
    // The demo logins the sign-in page lists, "login:password:role,…" (`npm run demo` sets the emulator's). Only for
    // the bundled emulator: never set it when AUTH_ZITADEL_ISSUER is a real ZITADEL.
    DEMO_LOGINS: demoLogins,
    // A new store starts with the credentials this JSON file lists (`npm run demo` points it at the demo table).
    SEED_CREDENTIALS_FILE: z.string().trim().min(1).optional(),
    SECRETS_KEY: base64Key.optional(),
    SECRETS_KEY_FILE: z.string().min(1).optional(),
    SECRETS_PREVIOUS_KEYS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(z.array(base64Key)),
    ALLOWED_ISSUERS: originList,
    ISSUER_CA_FILE: caFile.optional(),
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
    TRUST_PROXY_HEADERS: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    // A request body (up to 1 MiB) must arrive within this many seconds, or the request is answered 408 and closed.
    REQUEST_BODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Abuse limits: counted in the shared database (they hold across instances); the issuer cap is per instance.
    RATE_LIMIT_TESTS_PER_OPERATOR_PER_MINUTE: perMinute.default(60),
    RATE_LIMIT_TESTS_PER_CREDENTIAL_PER_MINUTE: perMinute.default(20),
    RATE_LIMIT_WRITES_PER_OPERATOR_PER_MINUTE: perMinute.default(500),
    ISSUER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    // Calls to all issuers together in flight at a time, per app instance (each issuer still within its own cap).
    UPSTREAM_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
    // Credentials one console holds at most; creating or importing past it is refused (409).
    MAX_CREDENTIALS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    // Test-all runs: items of one issuer tested at once per app instance (within ISSUER_CONCURRENCY).
    TEST_ALL_CONCURRENCY_PER_ISSUER: z.coerce.number().int().min(1).max(64).default(4),
    // Provisioning: how long a new secret's token test waits for ZITADEL to accept it (eventual consistency).
    PROVISIONING_SECRET_WAIT_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    // Scheduled checks of every credential (or those with SCHEDULED_CHECKS_TAG), as the system actor; unset = off.
    // Cron has to express the interval: 1–59 minutes dividing 60, whole hours dividing 24, or 1440 (daily).
    SCHEDULED_CHECKS_INTERVAL_MINUTES: z.coerce
      .number()
      .int()
      .refine(
        (minutes) =>
          minutes < 60 ? 60 % minutes === 0 : minutes < 1_440 ? minutes % 60 === 0 && 24 % (minutes / 60) === 0 : minutes === 1_440,
        "must divide an hour (1–30, 60 minutes), be whole hours dividing a day (60, 120, 180, 240, 360, 480, 720) or 1440",
      )
      .refine((minutes) => minutes >= 1, "must be at least 1")
      .optional(),
    SCHEDULED_CHECKS_TAG: tagFilterSchema,
    // A key or PAT that expires within this many days is shown as "expires soon".
    CREDENTIAL_EXPIRY_WARNING_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    // A credential not checked within this many hours shows as "stale" in the list (its last result beside it).
    HEALTH_STALE_AFTER_HOURS: z.coerce.number().int().min(1).max(8760).default(24),
    // A credential page's own org lookup reuses a result this recent instead of calling ZITADEL again (0: never).
    LOOKUP_FRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    // A share link lives at most this many hours, whatever expiry its maker chose (default 7 days).
    SHARE_LINK_MAX_HOURS: z.coerce.number().int().min(1).max(8760).default(DEFAULT_SHARE_LINK_HOURS),
    // GET /api/metrics answers only a scraper presenting this as its bearer token; unset, the route does not exist.
    METRICS_TOKEN: z.string().min(24, "must be at least 24 characters (generate one with `openssl rand -base64 32`)").optional(),
    // Alerts on a credential's change of status: a POST to this URL (unset, no alerts), through the same address policy
    // as issuer calls (docs/security.md#alert-webhook). Its value is never echoed: a Slack webhook URL is itself a secret.
    ALERT_WEBHOOK_URL: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z
        .string()
        .trim()
        .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http:// or https:// URL")
        .optional(),
    ),
    // The webhook's origin when it is a private receiver (private, loopback, plain http or another port), as ALLOWED_ISSUERS.
    ALERT_WEBHOOK_ALLOWED_ORIGINS: originList,
    ALERT_WEBHOOK_FORMAT: z.enum(["json", "slack"], "must be json or slack").default("json"),
    // Signs each alert body (HMAC-SHA256), so the receiver can tell it came from this console.
    ALERT_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters (generate one with `openssl rand -base64 32`)").optional(),
  })
  .transform(({ ISSUER_CA_FILE, ...env }) => ({
    ...env,
    AUTH_ZITADEL_CLIENT_ID: env.AUTH_ZITADEL_CLIENT_ID ?? DEMO_CLIENT_ID,
    AUTH_ZITADEL_CLIENT_SECRET: env.AUTH_ZITADEL_CLIENT_SECRET ?? DEMO_CLIENT_SECRET,
    /** PEM certificates trusted for issuers in addition to Node's default roots (from ISSUER_CA_FILE). */
    ISSUER_CA_CERTS: ISSUER_CA_FILE ?? [],
  }));

export type Env = z.infer<typeof envSchema>;

// Rules across settings, checked on the raw values so they are reported together with the per-field ones.
function crossCheck(source: Record<string, string | undefined>): string[] {
  const issues: string[] = [];
  if (!source.SECRETS_KEY && !source.SECRETS_KEY_FILE) {
    issues.push("SECRETS_KEY is missing: set SECRETS_KEY (32 bytes, base64) or SECRETS_KEY_FILE (`npm run demo` creates one)");
  }
  const issuer = source.AUTH_ZITADEL_ISSUER?.trim().replace(/\/+$/, "") || DEMO_EMULATOR_ISSUER;
  for (const key of ["AUTH_ZITADEL_CLIENT_ID", "AUTH_ZITADEL_CLIENT_SECRET"] as const) {
    if (issuer !== DEMO_EMULATOR_ISSUER && !source[key]) {
      issues.push(`${key} is required when AUTH_ZITADEL_ISSUER is not the bundled emulator`);
    }
  }
  const appOrigin = source.APP_ORIGIN ?? "http://localhost:3000";
  if (source.NODE_ENV === "production" && appOrigin.startsWith("http:") && !isLoopback(appOrigin)) {
    issues.push("APP_ORIGIN must be https:// outside localhost");
  }
  const nextAuthIssue = source.NEXTAUTH_URL?.trim() ? checkNextAuthUrl(source.NEXTAUTH_URL.trim(), appOrigin) : null;
  if (nextAuthIssue) issues.push(nextAuthIssue);
  // Node reads this variable for every TLS connection in the process: operator sign-in and PostgreSQL included.
  if (source.NODE_ENV === "production" && source.NODE_TLS_REJECT_UNAUTHORIZED === "0") {
    issues.push(
      "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole server; unset it. " +
        "For an issuer with a private CA, put that CA's certificate(s) in a PEM file and set ISSUER_CA_FILE to its path",
    );
  }
  return issues;
}

// next-auth takes the Secure flag of its cookies and its callback URLs from NEXTAUTH_URL, not from APP_ORIGIN.
function checkNextAuthUrl(nextAuthUrl: string, appOrigin: string): string | null {
  if (!URL.canParse(nextAuthUrl)) return "NEXTAUTH_URL must be a URL such as https://console.example.com";
  if (!URL.canParse(appOrigin.trim())) return null; // APP_ORIGIN's own message says what is wrong with it
  const url = new URL(nextAuthUrl);
  const expected = new URL(appOrigin.trim()).origin;
  const isAuthPath = ["/", "/api/auth", "/api/auth/"].includes(url.pathname);
  if (url.origin === expected && isAuthPath) return null;
  return (
    `NEXTAUTH_URL (${nextAuthUrl}) disagrees with APP_ORIGIN (${expected}): next-auth would use it for its callbacks ` +
    "and its cookies' Secure flag. Unset NEXTAUTH_URL (it follows APP_ORIGIN) or set it to the same origin"
  );
}

function isLoopback(value: string): boolean {
  try {
    const { hostname } = new URL(value);
    return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
  } catch {
    return false;
  }
}

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`M2M Console cannot start, its configuration is invalid:\n${issues.map((line) => `  - ${line}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  const issues = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "env"} ${issue.message}`)),
    ...crossCheck(source),
  ];
  if (issues.length > 0 || !result.success) throw new EnvError(issues);
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * next-auth v4 reads NEXTAUTH_URL from process.env on its own; when it is unset, this points it at APP_ORIGIN.
 * Call once at boot, before the first request (parseEnv has already refused a NEXTAUTH_URL that disagrees).
 */
export function applyNextAuthUrl(env: Env): void {
  process.env.NEXTAUTH_URL ??= env.APP_ORIGIN;
}
