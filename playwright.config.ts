import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// E2E runs the built app (`npm run build` first) and the emulator on their own ports, with a fresh database,
// so it never touches a running demo. Chromium: CHROMIUM_PATH (scripts/ensure-chromium.sh) or Playwright's own.

// Ports can be moved so two checkouts can run their e2e suites side by side.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 8180);
// The alerts spec listens here for the app's webhook; derived from the app's port so side-by-side runs differ too.
const ALERT_RECEIVER_PORT = Number(process.env.E2E_ALERT_RECEIVER_PORT ?? APP_PORT + 1000);
export const E2E = {
  appOrigin: `http://localhost:${APP_PORT}`,
  emulatorIssuer: `http://localhost:${EMULATOR_PORT}`,
  sqlitePath: "data/e2e/console.sqlite",
  serverLog: "data/e2e/app.log",
  // The default per-credential limit: e2e/limits proves it on a credential of its own. The whole suite runs as one
  // operator, two specs at a time, so that operator's budget is raised: no spec waits on another's tests.
  testsPerCredentialPerMinute: 20,
  testsPerOperatorPerMinute: 1000,
  // GET /api/metrics is on in e2e, for the scraper spec (e2e/foundation/metrics.spec.ts).
  metricsToken: "e2e-metrics-token-0123456789abcdef",
  // Status alerts go to a receiver that e2e/alerts starts; while no spec listens, deliveries fail and are audited.
  alertReceiverPort: ALERT_RECEIVER_PORT,
  alertWebhookSecret: "e2e-alert-signing-secret-0123456789",
};

// Signed in through the emulator, as `npm run demo` is: the sign-in page lists its operators (from its seed, as the demo
// launcher reads them), and the forms start at its issuer.
const demoSeed = JSON.parse(readFileSync("emulator/seed/demo.json", "utf8")) as {
  operators: { username: string; password: string; role?: string }[];
};
const DEMO_LOGINS = demoSeed.operators.map((operator) => `${operator.username}:${operator.password}:${operator.role ?? "none"}`).join(",");

// The config is evaluated by the runner and by each worker; only the runner starts from a clean database.
if (!process.env.E2E_PREPARED) {
  rmSync("data/e2e", { recursive: true, force: true });
  process.env.E2E_PREPARED = "1";
  process.env.E2E_SECRETS_KEY = randomBytes(32).toString("base64");
  process.env.E2E_AUTH_SECRET = randomBytes(32).toString("base64");
}
process.env.E2E_APP_ORIGIN = E2E.appOrigin;
process.env.E2E_EMULATOR_ISSUER = E2E.emulatorIssuer;
process.env.E2E_SQLITE_PATH = E2E.sqlitePath;
process.env.E2E_SERVER_LOG = E2E.serverLog;
process.env.E2E_TESTS_PER_CREDENTIAL_PER_MINUTE = String(E2E.testsPerCredentialPerMinute);
process.env.E2E_METRICS_TOKEN = E2E.metricsToken;
process.env.E2E_ALERT_RECEIVER_PORT = String(E2E.alertReceiverPort);
process.env.E2E_ALERT_WEBHOOK_SECRET = E2E.alertWebhookSecret;

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  outputDir: "test-results",
  use: {
    baseURL: E2E.appOrigin,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || undefined, args: chromiumArgs },
  },
  projects: [
    // Signs in ada, oscar, vera and nora once each: e2e/.auth/<login>.json (fixtures.ts: pageAs, requestAs).
    { name: "setup", testMatch: /auth\.setup\.ts/, teardown: "role changes" },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/ada.json" },
      dependencies: ["setup"],
      testIgnore: [/auth\.setup\.ts/, /role-cap\.spec\.ts/, /session-revocation\.spec\.ts/, /[\\/]provisioning[\\/].*\.spec\.ts$/],
    },
    {
      // Creates service users and grants roles, rotates secrets and reactivates users in the emulator: the demo users
      // every other spec expects unchanged are changed here, so this runs once those specs have finished. It still
      // uses the saved sessions, so the setup's teardown ("role changes") waits for it too.
      name: "provisioning",
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/ada.json" },
      dependencies: ["setup", "chromium"],
      testMatch: /[\\/]provisioning[\\/].*\.spec\.ts$/,
    },
    {
      // Caps oscar's role and ends vera's sessions (which ends their saved sessions), so it runs once every spec that
      // uses the saved sessions has finished (whether they passed or not), as the setup's teardown. Alone:
      // `playwright test e2e/auth.setup.ts e2e/roles/role-cap.spec.ts e2e/roles/session-revocation.spec.ts`.
      name: "role changes",
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/ada.json" },
      testMatch: /(role-cap|session-revocation)\.spec\.ts/,
    },
  ],
  webServer: [
    {
      command: "node_modules/.bin/tsx emulator/src/main.ts",
      url: `${E2E.emulatorIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        EMULATOR_PORT: String(EMULATOR_PORT),
        EMULATOR_ISSUER: E2E.emulatorIssuer,
        EMULATOR_EXTRA_REDIRECT_ORIGINS: E2E.appOrigin,
        // ZITADEL accepts a new secret only after a while; short here, so the console's waiting is exercised but brief.
        EMULATOR_SECRET_PROPAGATION_MS: "1500",
      },
    },
    {
      // The server's output is also kept in a file, so a spec can prove no secret reached a log line.
      command: `mkdir -p data/e2e && npm start --silent -- -p ${APP_PORT} 2>&1 | tee -a ${E2E.serverLog}`,
      url: `${E2E.appOrigin}/api/health`,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        APP_ORIGIN: E2E.appOrigin,
        NEXTAUTH_URL: E2E.appOrigin,
        NEXTAUTH_SECRET: process.env.E2E_AUTH_SECRET ?? "",
        AUTH_ZITADEL_ISSUER: E2E.emulatorIssuer,
        AUTH_ZITADEL_CLIENT_ID: "m2m-console",
        AUTH_ZITADEL_CLIENT_SECRET: "m2m-console-demo-secret",
        // The emulator's console project: its service users call the API with bearer tokens (e2e/bearer).
        AUTH_ZITADEL_PROJECT_ID: "500000000000000001",
        // Short, so a deactivated service user's token is refused soon after (e2e/bearer waits for it).
        BEARER_CACHE_SECONDS: "2",
        SQLITE_PATH: E2E.sqlitePath,
        DEFAULT_ISSUER: E2E.emulatorIssuer,
        DEMO_LOGINS,
        SECRETS_KEY: process.env.E2E_SECRETS_KEY ?? "",
        ALLOWED_ISSUERS: `${E2E.emulatorIssuer},http://127.0.0.1:${EMULATOR_PORT}`,
        UPSTREAM_TIMEOUT_MS: "3000",
        RATE_LIMIT_TESTS_PER_CREDENTIAL_PER_MINUTE: String(E2E.testsPerCredentialPerMinute),
        RATE_LIMIT_TESTS_PER_OPERATOR_PER_MINUTE: String(E2E.testsPerOperatorPerMinute),
        LOG_LEVEL: "info",
        METRICS_TOKEN: E2E.metricsToken,
        ALERT_WEBHOOK_URL: `http://127.0.0.1:${E2E.alertReceiverPort}/alerts`,
        // The receiver is on loopback: the webhook's own allow-list names it, as ALLOWED_ISSUERS names the emulator.
        ALERT_WEBHOOK_ALLOWED_ORIGINS: `http://127.0.0.1:${E2E.alertReceiverPort}`,
        ALERT_WEBHOOK_SECRET: E2E.alertWebhookSecret,
        // Two items per issuer at a time: a run of a few hundred failing credentials lasts long enough to cancel.
        TEST_ALL_CONCURRENCY_PER_ISSUER: "2",
        // A body that stops arriving is answered 408 after this long: short, so the spec that proves it is quick.
        REQUEST_BODY_TIMEOUT_SECONDS: "4",
      },
    },
  ],
});
