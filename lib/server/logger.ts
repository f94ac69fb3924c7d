import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";

// Redacted structured logs (docs/security.md#redacted-logs): known paths by name, and free text scrubbed by pattern.

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

// Patterns never cross a double quote or backslash, so scrubbing a serialized JSON line keeps it valid JSON.
const SCRUB_PATTERNS: [RegExp, string][] = [
  [/Bearer\s+[^\s"\\]+/gi, "Bearer [REDACTED]"],
  [/Basic\s+[A-Za-z0-9+/=_-]{8,}/gi, "Basic [REDACTED]"],
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*(\.[\w-]*\.[\w-]*)?/g, "[REDACTED-JWT]"],
  [/(client_secret|clientSecret|access_token|id_token)=([^&\s"\\]+)/g, "$1=[REDACTED]"],
  [/:\/\/[^/\s:@"\\]+:[^/\s@"\\]+@/g, "://[REDACTED]@"],
];

export function scrub(text: string): string {
  return SCRUB_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "m2m-console" },
    redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
    // Free text is scrubbed on the finished line, after serializers ran, whatever path it sits at.
    hooks: { streamWrite: scrub },
    serializers: {
      err(error: unknown) {
        if (!(error instanceof Error)) return { message: String(error) };
        return { type: error.name, message: error.message, stack: error.stack };
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

let instance: pino.Logger | undefined;

export function getLogger(): pino.Logger {
  instance ??= createLogger(getEnv().LOG_LEVEL);
  return instance;
}
