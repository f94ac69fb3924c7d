import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seal, secretContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { getJobQueue } from "@/lib/server/jobs";
import { closeStore, getStore, type Store } from "@/lib/server/store";
import { dayAgo, newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { getRunDetail, listRuns, startRunWorkers } from "./index";

// Scheduled checks, end to end on SQLite: the schedule's slot comes (only the interval timer is faked, so the slot
// comes without waiting minutes), a run starts as the system, and each credential is really tested against the
// ZITADEL emulator, its new status written.

const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const REPORTER = { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" };
const EVERY_MINUTES = 5;

let emulator: EmulatorProcess;
let store: Store;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-scheduled-"));
  setTestEnv({
    ALLOWED_ISSUERS: emulator.issuer,
    SQLITE_PATH: join(dir, "console.sqlite"),
    SCHEDULED_CHECKS_INTERVAL_MINUTES: String(EVERY_MINUTES),
    SCHEDULED_CHECKS_TAG: "nightly",
  });
  store = await getStore();
});

afterAll(async () => {
  vi.useRealTimers();
  await getJobQueue().stop();
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addCredential(clientId: string, secret: string, tags: string[]): Promise<string> {
  const id = randomUUID();
  const issuer = emulator.issuer;
  const row = newCredential({
    id,
    issuer,
    clientId,
    tags,
    label: `${clientId} (${tags.join(",") || "untagged"})`,
    secretEnvelope: seal(secret, secretContext(id, issuer, clientId)),
    scopes: `openid ${AUD}`,
  });
  await store.credentials.create(row, { actor: "a", action: "credential.create", credentialId: id, outcome: "success" });
  return id;
}

async function until(predicate: () => Promise<boolean>): Promise<void> {
  while (!(await predicate())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("scheduled checks", () => {
  it("fire on their interval: a run by the system tests the tagged credentials and writes their status", async () => {
    const working = await addCredential(REPORTER.clientId, REPORTER.secret, ["nightly"]);
    const failing = await addCredential("no-such-client", "WrongSecretWrongSecretWrong12345", ["nightly"]);
    const untagged = await addCredential("untagged-client", "WrongSecretWrongSecretWrong12345", []);

    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    await startRunWorkers();
    vi.advanceTimersByTime((EVERY_MINUTES * 60_000) / 2);
    expect(await listRuns()).toEqual([]);

    vi.advanceTimersByTime((EVERY_MINUTES * 60_000) / 2);
    await until(async () => (await listRuns()).some((run) => run.state !== "running"));

    const [run] = await listRuns();
    expect(run).toMatchObject({ state: "done", total: 2, startedBy: { id: "system" } });
    const detail = await getRunDetail(run!.id);
    expect(Object.fromEntries(detail.items.map((item) => [item.credentialId, item.status]))).toEqual({
      [working]: "working",
      [failing]: "token_fails",
    });
    const health = await store.credentials.countHealth({ staleBefore: dayAgo() });
    expect(health.byStatus).toMatchObject({ working: 1, token_fails: 1 });
    expect(detail.items.find((item) => item.credentialId === working)?.org?.name).toEqual(expect.any(String));
    expect(await store.testRuns.list(untagged)).toEqual([]);
    const audit = await store.audit.list({ credentialId: working });
    expect(audit.items.map((row) => [row.action, row.actor])).toEqual(
      expect.arrayContaining([
        ["token.test", "system"],
        ["org.lookup", "system"],
      ]),
    );
  }, 60_000);
});
