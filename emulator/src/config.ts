import { fileURLToPath } from "node:url";
import { z } from "zod";

// Every EMULATOR_* variable, parsed once; main.ts is the only reader of process.env.

export const DEFAULT_SEED_PATH = fileURLToPath(new URL("../seed/demo.json", import.meta.url));

/** How long a secret generated over the Management API stays unknown to the token endpoint (eventual consistency). */
export const DEFAULT_SECRET_PROPAGATION_MS = 2000;

const unset = (value: unknown) => (value === "" ? undefined : value);

const origin = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !["http:", "https:"].includes(url.protocol) || url.pathname !== "/" || url.search || url.hash || value.endsWith("//")) {
    ctx.addIssue({ code: "custom", message: `"${value}" must be an origin like http://localhost:3100 (scheme, host, port; no path)` });
    return z.NEVER;
  }
  return url.origin;
});

const envSchema = z.object({
  EMULATOR_PORT: z.preprocess(
    unset,
    z.coerce.number({ message: "must be a port number" }).int("must be an integer").min(0).max(65_535).default(8080),
  ),
  EMULATOR_ISSUER: z.preprocess(unset, origin.optional()),
  EMULATOR_SEED: z.preprocess(unset, z.string().optional()),
  EMULATOR_STATE_FILE: z.preprocess(unset, z.string().optional()),
  EMULATOR_HOST: z.preprocess(unset, z.string().optional()),
  EMULATOR_SECRET_PROPAGATION_MS: z.preprocess(
    unset,
    z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int("must be an integer")
      .min(0)
      .max(600_000)
      .default(DEFAULT_SECRET_PROPAGATION_MS),
  ),
  EMULATOR_EXTRA_REDIRECT_ORIGINS: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
    z.array(origin).default([]),
  ),
});

export interface EmulatorConfig {
  port: number;
  /** Defaults to http://localhost:<port>. */
  issuer: string;
  seedPath: string;
  /** Kept across restarts when set: what was changed over the Management API and the test hooks. */
  stateFile?: string;
  host?: string;
  extraRedirectOrigins: string[];
  /** 0 = a generated secret works at once. */
  secretPropagationMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEmulatorEnv(env: Record<string, string | undefined>): EmulatorConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid emulator configuration:\n${problems.join("\n")}`);
  }
  const parsed = result.data;
  return {
    port: parsed.EMULATOR_PORT,
    issuer: parsed.EMULATOR_ISSUER ?? `http://localhost:${parsed.EMULATOR_PORT}`,
    seedPath: parsed.EMULATOR_SEED ?? DEFAULT_SEED_PATH,
    stateFile: parsed.EMULATOR_STATE_FILE,
    host: parsed.EMULATOR_HOST,
    extraRedirectOrigins: parsed.EMULATOR_EXTRA_REDIRECT_ORIGINS,
    secretPropagationMs: parsed.EMULATOR_SECRET_PROPAGATION_MS,
  };
}
