import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";

// Redacted structured logs (security.md R-T4): known paths by name, and free text scrubbed by pattern.

const REDACT_PATHS = [
  "clientSecret",
  "client_secret",
  "secret",
  "password",
  "token",
  "accessToken",
  "access_token",
  "id_token",
  "refresh_token",
  "authorization",
  "cookie",
  "*.clientSecret",
  "*.client_secret",
  "*.secret",
  "*.password",
  "*.token",
  "*.accessToken",
  "*.access_token",
  "*.id_token",
  "*.authorization",
  "*.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
];

const SCRUB_PATTERNS: [RegExp, string][] = [
  [/Bearer\s+\S+/gi, "Bearer [REDACTED]"],
  [/Basic\s+[A-Za-z0-9+/=_-]{8,}/gi, "Basic [REDACTED]"],
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*(\.[\w-]*\.[\w-]*)?/g, "[REDACTED-JWT]"],
  [/(client_secret|clientSecret|access_token|id_token)=([^&\s"]+)/g, "$1=[REDACTED]"],
  [/:\/\/[^/\s:@]+:[^/\s@]+@/g, "://[REDACTED]@"],
];

export function scrub(text: string): string {
  return SCRUB_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function createLogger() {
  return pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "m2m-console" },
    redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
    formatters: {
      log(object) {
        return JSON.parse(scrub(JSON.stringify(object))) as Record<string, unknown>;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
    serializers: {
      err(error: unknown) {
        if (!(error instanceof Error)) return { message: scrub(String(error)) };
        return { type: error.name, message: scrub(error.message), stack: error.stack ? scrub(error.stack) : undefined };
      },
    },
  });
}

let instance: pino.Logger | undefined;

export function getLogger(): pino.Logger {
  instance ??= createLogger();
  return instance;
}
