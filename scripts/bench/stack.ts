// Starts what the benchmark measures: the ZITADEL emulator (demo seed plus a user answering 50 ms late) and the
// built app on ports of their own, with a fresh SQLite file and rate limits raised so the benchmark measures work,
// not throttling. Signs ada in through the emulator's login page in Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { CONSOLE_PROJECT_ID } from "./scenarios/bearer";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const WORK_DIR = join(ROOT, "data", "bench");
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

export const SLOW_USER = { username: "bench-slow-50ms", secret: "BenchSlowDemoSecret2026xxxxxxxx50", latencyMs: 50 };
export const RUN_FLEET = { size: 1_000, secret: "BenchFleetDemoSecret2026xxxxxxx50", latencyMs: 50 };
export const runFleetUser = (i: number) => `bench-fleet-${String(i).padStart(4, "0")}`;

export interface Stack {
  appOrigin: string;
  issuer: string;
  sqlitePath: string;
  browser: Browser;
  /** ada's signed-in browser context. */
  context: BrowserContext;
  /** The session cookie header of that context, for API calls made outside the browser. */
  cookie: string;
  stop(): Promise<void>;
}

function benchSeed(): string {
  const seed = JSON.parse(readFileSync(join(ROOT, "emulator", "seed", "demo.json"), "utf8"));
  const reporter = seed.serviceUsers.find((user: { username: string }) => user.username === "acme-reporter");
  const reporterCore = { ...reporter };
  delete reporterCore.pats; // a PAT or a key belongs to one user only
  delete reporterCore.keys;
  seed.serviceUsers.push({
    ...reporterCore,
    id: "399999999999999999",
    username: SLOW_USER.username,
    name: "Bench Slow",
    secret: SLOW_USER.secret,
    faults: { latencyMs: SLOW_USER.latencyMs },
  });
  // Scenario 4: a fleet of service users, each answering 50 ms late, for a test-all run over all of them.
  for (let i = 0; i < RUN_FLEET.size; i += 1) {
    seed.serviceUsers.push({
      ...reporterCore,
      id: String(380_000_000_000_000_000n + BigInt(i)),
      username: runFleetUser(i),
      name: `Bench fleet ${i}`,
      secret: RUN_FLEET.secret,
      faults: { latencyMs: RUN_FLEET.latencyMs },
    });
  }
  const path = join(WORK_DIR, "seed.json");
  writeFileSync(path, JSON.stringify(seed, null, 2));
  return path;
}

/** A port from the environment (so two benchmarks, or a benchmark and the e2e suite, can run side by side). */
export function envPort(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a port number, not "${value}"`);
  return port;
}

/** The Node flags `npm start` runs the app with (its heap settings), so the benchmark measures the app as deployed. */
function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not answer ${url} within 60 s`);
}

export async function startStack(options: { appPort?: number; emulatorPort?: number } = {}): Promise<Stack> {
  const appPort = options.appPort ?? envPort("BENCH_APP_PORT", 3600);
  const emulatorPort = options.emulatorPort ?? envPort("BENCH_EMULATOR_PORT", 8680);
  const appOrigin = `http://localhost:${appPort}`;
  const issuer = `http://localhost:${emulatorPort}`;
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const sqlitePath = join(WORK_DIR, "console.sqlite");
  const log = join(WORK_DIR, "app.log");

  const children: ChildProcess[] = [];
  const logLines: string[] = [];
  const emulator = spawn(bin("tsx"), ["emulator/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_ISSUER: issuer,
      EMULATOR_SEED: benchSeed(),
      EMULATOR_EXTRA_REDIRECT_ORIGINS: appOrigin,
    },
    stdio: "ignore",
  });
  children.push(emulator);
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL; // the benchmark's store is its own SQLite file
  // BENCH_CPU_PROF=<dir>: the app writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_CPU_PROF;
  const profileArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-interval=250"] : [];
  const nextCli = join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const app = spawn(process.execPath, [...startNodeFlags(), ...profileArgs, nextCli, "start", "-p", String(appPort)], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_ORIGIN: appOrigin,
      NEXTAUTH_URL: appOrigin,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      SECRETS_KEY: randomBytes(32).toString("base64"),
      AUTH_ZITADEL_ISSUER: issuer,
      AUTH_ZITADEL_CLIENT_ID: "m2m-console",
      AUTH_ZITADEL_CLIENT_SECRET: "m2m-console-demo-secret",
      // The emulator's console project: scenario 8 calls as one of its service users.
      AUTH_ZITADEL_PROJECT_ID: CONSOLE_PROJECT_ID,
      SQLITE_PATH: sqlitePath,
      ALLOWED_ISSUERS: issuer,
      RATE_LIMIT_TESTS_PER_OPERATOR_PER_MINUTE: "100000",
      RATE_LIMIT_TESTS_PER_CREDENTIAL_PER_MINUTE: "100000",
      RATE_LIMIT_WRITES_PER_OPERATOR_PER_MINUTE: "100000",
      // Scenario 5 fills the store to 100,000 credentials, and scenario 4 imports 1,000 more after it.
      MAX_CREDENTIALS: "200000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(app);
  app.stdout?.on("data", (chunk: Buffer) => logLines.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => logLines.push(chunk.toString()));

  const stopChildren = async () => {
    writeFileSync(log, logLines.join(""));
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
  };
  try {
    await waitFor(`${issuer}/.well-known/openid-configuration`, emulator, "the emulator");
    await waitFor(`${appOrigin}/api/health`, app, "the app");
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
    });
    const context = await browser.newContext({ baseURL: appOrigin });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in with ZITADEL" }).click();
    await page.getByLabel("Login name").fill("ada");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-operator").waitFor();
    await page.close();
    const cookie = (await context.cookies(appOrigin)).map(({ name, value }) => `${name}=${value}`).join("; ");
    return {
      appOrigin,
      issuer,
      sqlitePath,
      browser,
      context,
      cookie,
      stop: async () => {
        await browser.close();
        await stopChildren();
      },
    };
  } catch (error) {
    await stopChildren();
    throw new Error(`${error instanceof Error ? error.message : error}\n--- app output ---\n${logLines.join("").slice(-4000)}`);
  }
}
