import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";

// Structured logs that never carry a secret. Values under secret-ish keys are replaced at any depth, whatever the
// key's case or separators; strings are scrubbed for secrets that travel as text (docs/security.md#redacted-logs).

const REDACTED = "[REDACTED]";
const MAX_DEPTH = 8;

// Keys are compared lowercased and without "_" and "-": client_secret, Client-Secret and CLIENTSECRET are one key.
const SECRET_KEYS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "apikey",
  "xapikey",
  "privatekey",
  "clientassertion",
  // A service user's key file, its PEM private key, a signed JWT-profile assertion, a personal access token.
  "key",
  "keyfile",
  "pem",
  "assertion",
  "pat",
  "secretskey",
  "secretspreviouskeys",
]);
const SECRET_SUFFIXES = ["secret", "password", "passwd", "token"];
const keyVerdicts = new Map<string, boolean>();

/** True for a key whose value must never be logged (clientSecret, ACCESS_TOKEN, headers' Authorization, …). */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    const name = key.toLowerCase().replace(/[-_]/g, "");
    verdict = SECRET_KEYS.has(name) || SECRET_SUFFIXES.some((suffix) => name.endsWith(suffix));
    if (keyVerdicts.size < 1000) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

// The key part of "key=value", "key": "value" and key: 'value' shapes in free text. It starts where a word starts,
// and the patterns that need it run only on text where such a key is followed by : or =, so scrubbing stays cheap.
const KEY_WORDS = "secret|password|passwd|token|authorization|api[_-]?key";
const KEY = String.raw`(?<![\w-])[\w-]*(?:${KEY_WORDS})`;
const HAS_KEYED_VALUE = new RegExp(String.raw`(?:${KEY_WORDS})['"]?\s*[:=]`, "i");

// Each pattern stops at a double quote or backslash it does not own, so scrubbing a JSON line keeps it valid JSON.
const KEYED_PATTERNS: [RegExp, string][] = [
  [new RegExp(String.raw`("${KEY}"\s*:\s*")(?:[^"\\]|\\.)*"`, "gi"), `$1${REDACTED}"`],
  [new RegExp(String.raw`(${KEY}'?\s*[:=]\s*')(?:[^'\\]|\\.)*'`, "gi"), `$1${REDACTED}'`],
  [new RegExp(String.raw`(${KEY}=)[^&\s"'\\]+`, "gi"), `$1${REDACTED}`],
];
const SHAPE_PATTERNS: [RegExp, string][] = [
  // A PEM private key in any text, JSON-escaped newlines included.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, "[REDACTED-PRIVATE-KEY]"],
  [/Bearer\s+[^\s"'\\]+/gi, `Bearer ${REDACTED}`],
  [/Basic\s+[A-Za-z0-9+/=_-]{8,}/gi, `Basic ${REDACTED}`],
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*(\.[\w-]*\.[\w-]*)?/g, "[REDACTED-JWT]"],
  [/:\/\/[^/\s:@"'\\]+:[^/\s@"'\\]+@/g, `://${REDACTED}@`],
];

const ALL_PATTERNS = [...KEYED_PATTERNS, ...SHAPE_PATTERNS];

export function scrub(text: string): string {
  const patterns = HAS_KEYED_VALUE.test(text) ? ALL_PATTERNS : SHAPE_PATTERNS;
  return patterns.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A copy of `value` with secret keys censored and strings scrubbed; bounded in depth, safe on cycles. */
export function redact(value: unknown, depth = 0, path: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (path.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";
  path.add(value);
  try {
    if (value instanceof Error) return describeError(value);
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, path));
    // Dates, URLs, Buffers: what JSON would write, scrubbed like any other value (a URL can hold a password).
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return redact(toJSON.call(value), depth + 1, path);
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = isSecretKey(key) ? censor(inner) : redact(inner, depth + 1, path);
    return copy;
  } finally {
    path.delete(value);
  }
}

// A flag or an absent value says nothing secret and helps debugging ("hasSecret": false).
function censor(value: unknown): unknown {
  return value === null || value === undefined || typeof value === "boolean" ? value : REDACTED;
}

// Type and message are what a 500 needs; the error's other fields (request configs, headers) are left out.
function describeError(error: Error): { type: string; message: string; stack?: string } {
  return { type: error.name, message: scrub(error.message), ...(error.stack ? { stack: scrub(error.stack) } : {}) };
}

function redactFields(object: Record<string, unknown>): Record<string, unknown> {
  return redact(object) as Record<string, unknown>;
}

// pino takes an error's message as the line's message when none is given, and formats %s/%j arguments into the
// message: both are text that the field formatter never sees.
function scrubArguments(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const error = first instanceof Error ? first : (first as { err?: unknown } | null | undefined)?.err;
  if (error instanceof Error && typeof rest[0] !== "string") return [first, scrub(error.message)];
  return args.map((arg, index) => (index === 0 && typeof arg === "object" ? arg : redact(arg)));
}

export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "m2m-console" },
    formatters: { log: redactFields },
    serializers: { err: (value: unknown) => (value instanceof Error ? describeError(value) : value) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, scrubArguments(args) as Parameters<pino.LogFn>);
      },
      // The finished line is scrubbed once more: nothing that reaches the stream escaped the patterns.
      streamWrite: scrub,
    },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino serializes a child's bindings once, without the log formatter; children inherit this from the root.
  const child = logger.child;
  logger.child = function redactedChild(this: unknown, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) {
    return Reflect.apply(child, this, [redactFields(bindings), childOptions]) as unknown;
  } as typeof logger.child;
  return logger;
}

let instance: pino.Logger | undefined;

export function getLogger(): pino.Logger {
  instance ??= createLogger(getEnv().LOG_LEVEL);
  return instance;
}
