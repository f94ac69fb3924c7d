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
// The emulator's console project: service users with a role on it call the API with bearer tokens.
if (!process.env.AUTH_ZITADEL_ISSUER) env.AUTH_ZITADEL_PROJECT_ID ??= "500000000000000001";
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

// The README's demo table, registered on the first start (the app seeds only a store that holds no credential yet),
// read from the emulator's own seed so the two cannot disagree.
// Tagged by what a check shows; the timing-dependent ones (fresh, slow, trickle) carry only "demo".
const WORKING = new Set(["acme-reporter", "acme-jwt-bot", "globex-sync", "billing+ops@acme", "acme-pager", "acme-key-bot"]);
const FAILING = new Set(["acme-no-role", "acme-retired", "acme-flaky", "acme-html"]);
function writeDemoSeed(issuer) {
  const seed = JSON.parse(readFileSync(join(root, "emulator", "seed", "demo.json"), "utf8"));
  const keyFile = (name) => readFileSync(join(root, "emulator", "seed", "keys", `${name}.json`), "utf8");
  const tags = (username) => ["demo", ...(WORKING.has(username) ? ["working"] : FAILING.has(username) ? ["failing"] : [])];
  // Users with a console role are the console's own callers (scripts, CI), not credentials under test.
  const credentials = seed.serviceUsers
    .filter((user) => user.secret && !user.role)
    .map((user) => ({
      kind: "client_secret",
      label: user.name,
      issuer,
      clientId: user.username,
      clientSecret: user.secret,
      tags: tags(user.username),
    }));
  // A service user's second key is a credential of its own: the expired one sits beside the working one.
  for (const [name, username, what] of [
    ["acme-key-bot", "acme-key-bot", "key"],
    ["acme-key-bot-expired", "acme-key-bot", "expired key"],
    ["acme-retired", "acme-retired", "key"],
  ]) {
    const user = seed.serviceUsers.find((candidate) => candidate.username === username);
    const keyTags = what === "expired key" ? ["demo", "failing"] : tags(username);
    credentials.push({ kind: "jwt_profile", label: `${user.name} (${what})`, issuer, keyFile: keyFile(name), tags: keyTags });
  }
  const reporter = seed.serviceUsers.find((user) => user.username === "acme-reporter");
  for (const pat of reporter.pats ?? []) {
    const expired = Date.parse(pat.expirationDate) < Date.now();
    const label = `${reporter.name} (${expired ? "expired " : ""}PAT)`;
    credentials.push({ kind: "pat", label, issuer, token: pat.token, tags: ["demo", expired ? "failing" : "working"] });
  }
  const introspectionClients = seed.apps
    .filter((app) => app.type === "api" && app.clientSecret)
    .map((app) => ({ issuer, clientId: app.clientId, clientSecret: app.clientSecret }));
  const path = join(root, "data", "demo", "seed-credentials.json");
  mkdirSync(join(root, "data", "demo"), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify({ credentials, introspectionClients }, null, 2)}\n`, { mode: 0o600 });
  return path;
}
if (!env.SEED_CREDENTIALS_FILE && env.ALLOWED_ISSUERS === "http://localhost:8080") {
  env.SEED_CREDENTIALS_FILE = writeDemoSeed("http://localhost:8080");
}

// Signed in through the bundled emulator (no other ZITADEL configured): the forms start at its issuer, and the sign-in
// page lists its operators, read from its seed. Never with a real ZITADEL, whose logins are nobody's to print.
const isEmulatorSignIn = (env.AUTH_ZITADEL_ISSUER ?? "http://localhost:8080").replace(/\/+$/, "") === "http://localhost:8080";
if (isEmulatorSignIn) {
  env.DEFAULT_ISSUER ??= "http://localhost:8080";
  const { operators } = JSON.parse(readFileSync(join(root, "emulator", "seed", "demo.json"), "utf8"));
  env.DEMO_LOGINS ??= operators.map((operator) => `${operator.username}:${operator.password}:${operator.role ?? "none"}`).join(",");
}

if (needsBuild()) {
  console.log("demo: building the app (next build)…");
  const build = spawnSync(bin("next"), ["build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// What was done in the emulator (service users made, secrets generated, roles granted) survives a restart, as it
// would in ZITADEL; `npm run demo:reset` starts both over.
env.EMULATOR_STATE_FILE ??= join(root, "data", "demo", "emulator-state.json");

const children = [
  spawn(bin("tsx"), ["emulator/src/main.ts"], { cwd: root, env, stdio: "inherit", detached: true }),
  // As `npm start` runs it in production: with its heap settings (package.json).
  spawn("npm", ["start", "--silent", "--", "-p", new URL(env.APP_ORIGIN).port || "3000"], {
    cwd: root,
    env,
    stdio: "inherit",
    detached: true,
  }),
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
