#!/usr/bin/env node
// `npm run demo`: the whole demo on embedded defaults — the ZITADEL emulator on :8080 and the app on :3000.
// It creates what a demo needs on first start (auth secret, encryption key) under data/, and says so.
// Settings given through the environment always win; nothing is generated for them.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const keysDir = join(root, "data", "keys");
const bin = (name) => join(root, "node_modules", ".bin", name);

function demoSecretFile(name, make) {
  const path = join(keysDir, name);
  if (!existsSync(path)) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    writeFileSync(path, `${make()}\n`, { mode: 0o600 });
    console.log(`demo: generated ${name} in data/keys/ (first start; keep it, it unlocks the stored secrets)`);
  }
  chmodSync(path, 0o600);
  return path;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib"].some((dir) => newestMtime(join(root, dir)) > built);
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  APP_ORIGIN: process.env.APP_ORIGIN ?? "http://localhost:3000",
  ALLOWED_ISSUERS: process.env.ALLOWED_ISSUERS ?? "http://localhost:8080",
};
env.NEXTAUTH_URL ??= env.APP_ORIGIN;
if (!env.NEXTAUTH_SECRET) {
  env.NEXTAUTH_SECRET = readFileSync(
    demoSecretFile("auth-secret", () => randomBytes(32).toString("base64")),
    "utf8",
  ).trim();
}
if (!env.SECRETS_KEY && !env.SECRETS_KEY_FILE) {
  env.SECRETS_KEY_FILE = demoSecretFile("secrets.key", () => randomBytes(32).toString("base64"));
}

if (needsBuild()) {
  console.log("demo: building the app (next build)…");
  const build = spawnSync(bin("next"), ["build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const children = [
  spawn(bin("tsx"), ["emulator/src/main.ts"], { cwd: root, env, stdio: "inherit", detached: true }),
  spawn(bin("next"), ["start", "-p", new URL(env.APP_ORIGIN).port || "3000"], { cwd: root, env, stdio: "inherit", detached: true }),
];

console.log(`
  M2M Console   ${env.APP_ORIGIN}   (sign in as ada / demo-password — see README for all demo logins)
  ZITADEL emulator   http://localhost:8080
  Press Ctrl+C to stop.
`);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
for (const child of children) child.on("exit", (code) => stop(code ?? 1));
