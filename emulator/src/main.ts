// First: it has to be in place before oidc-provider is imported (and warns).
import "./runtime-warning";
import { relative } from "node:path";
import { ConfigError, parseEmulatorEnv } from "./config";
import { loadSeedFile, SeedError } from "./seed";
import { startEmulator } from "./server";

// npm run emulator — reads EMULATOR_* env, starts the emulator, stops cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  const config = parseEmulatorEnv(process.env);
  const seed = loadSeedFile(config.seedPath);
  const emulator = await startEmulator({
    seed,
    port: config.port,
    host: config.host,
    issuer: config.issuer,
    extraRedirectOrigins: config.extraRedirectOrigins,
    secretPropagationMs: config.secretPropagationMs,
  });
  const seedLabel = relative(process.cwd(), config.seedPath) || config.seedPath;
  console.log(`ZITADEL emulator listening on ${emulator.issuer} (seed: ${seedLabel})`);

  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof SeedError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
