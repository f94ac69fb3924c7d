// First: it has to be in place before oidc-provider is imported (and warns).
import "./runtime-warning";
import { relative } from "node:path";
import { ConfigError, parseEmulatorEnv } from "./config";
import { loadSeedFile, SeedError } from "./seed";
import { startEmulator } from "./server";
import { loadState, seedFileDigest } from "./state-file";

// npm run emulator — reads EMULATOR_* env, starts the emulator, stops cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  const config = parseEmulatorEnv(process.env);
  // A saved state is the seed as it was last changed; without one (first start, after a reset) the seed file.
  const saved = config.stateFile ? loadState(config.stateFile) : null;
  const seed = saved?.seed ?? loadSeedFile(config.seedPath);
  const seedDigest = seedFileDigest(config.seedPath);
  if (saved && saved.seedDigest !== seedDigest) {
    console.warn(
      `emulator: ${config.seedPath} changed since the saved state was made; the state wins (delete it to start from the new seed)`,
    );
  }
  const emulator = await startEmulator({
    seed,
    sequences: saved?.sequences,
    stateFile: config.stateFile ? { path: config.stateFile, seedDigest } : undefined,
    port: config.port,
    host: config.host,
    issuer: config.issuer,
    extraRedirectOrigins: config.extraRedirectOrigins,
    secretPropagationMs: config.secretPropagationMs,
  });
  const label = (path: string) => relative(process.cwd(), path) || path;
  const source = saved && config.stateFile ? `state: ${label(config.stateFile)}` : `seed: ${label(config.seedPath)}`;
  console.log(`ZITADEL emulator listening on ${emulator.issuer} (${source})`);

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
