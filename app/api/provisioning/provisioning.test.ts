import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Operator } from "@/lib/server/auth";

// Provisioning through the routes, against a scripted ZITADEL on a local socket, a real SQLite store and keyring:
// who may start it, the job running to its end in the background, a failed step resumed once, the secret offered
// once, and a rotation that waits for ZITADEL to accept the new secret.

const signedIn = vi.hoisted(() => ({ operator: null as Operator | null }));
vi.mock("@/lib/server/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth")>()),
  getOperator: async () => signedIn.operator,
  authenticate: async () => ({ operator: signedIn.operator, via: "cookie" as const, isDisabled: false }),
}));

const { seal, zitadelTokenContext } = await import("@/lib/server/crypto");
const { closeAgents } = await import("@/lib/server/http");
const { setTestEnv } = await import("@/lib/server/http/testing");
const { closeStore, getStore } = await import("@/lib/server/store");
const { closeJobQueue } = await import("@/lib/server/jobs");
const { startProvisioningWorker } = await import("@/lib/server/provisioning");
const { startFakeZitadel, ORG } = await import("@/lib/server/provisioning/testing");
const serviceUsers = await import("./service-users/route");
const job = await import("./jobs/[id]/route");
const resume = await import("./jobs/[id]/resume/route");
const secret = await import("./jobs/[id]/secret/route");
const actions = await import("../credentials/[id]/actions/route");
const authorities = await import("./authorities/route");
const provisioners = await import("../provisioners/route");
const provisioner = await import("../provisioners/[credentialId]/route");
const { closeSession, getOperatorZitadelToken } = await import("@/lib/server/auth");

type FakeZitadel = Awaited<ReturnType<typeof startFakeZitadel>>;

const APP = "http://localhost:3000";
let zitadel: FakeZitadel;
let dir: string;

async function signIn(login: string, role: "admin" | "operator"): Promise<Operator> {
  const idHash = randomBytes(16).toString("hex");
  const id = `${login}-${randomUUID()}`;
  const store = await getStore();
  await store.operators.recordSignIn(
    {
      operator: { id, login, name: login, email: null, signInRole: role, roleSource: "static" },
      session: {
        idHash,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        idTokenEnvelope: null,
        zitadelTokenEnvelope: seal(zitadel.operatorToken, zitadelTokenContext(idHash)),
        zitadelTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    },
    { actor: id, action: "login.success", outcome: "success" },
  );
  return { id, name: login, email: null, login, role, sessionIdHash: idHash };
}

function call(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  method: string,
  params: Record<string, string> = {},
  body?: unknown,
): Promise<Response> {
  const request = new Request(`${APP}/api/test`, {
    method,
    headers: { origin: APP, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return handler(request, { params: Promise.resolve(params) });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface JobJson {
  id: string;
  state: string;
  userId: string | null;
  credentialId: string | null;
  secretOffer: boolean;
  steps: {
    name: string;
    state: string;
    detail: string | null;
    attempts: number;
    diagnosis: { code: string; explanation: string } | null;
  }[];
}

const readJob = async (id: string) => (await (await call(job.GET, "GET", { id })).json()) as JobJson;
const settled = (id: string) =>
  until(
    () => readJob(id),
    (value) => value.state !== "running",
  );

function newUser(overrides: Record<string, unknown> = {}) {
  return {
    authority: { kind: "operator" },
    orgId: ORG.id,
    userName: `svc-${randomBytes(4).toString("hex")}`,
    name: "Billing",
    ...overrides,
  };
}

beforeAll(async () => {
  zitadel = await startFakeZitadel();
  dir = mkdtempSync(join(tmpdir(), "m2m-provisioning-"));
  setTestEnv({
    SQLITE_PATH: join(dir, "console.sqlite"),
    ALLOWED_ISSUERS: zitadel.issuer,
    AUTH_ZITADEL_ISSUER: zitadel.issuer,
    AUTH_ZITADEL_CLIENT_ID: "m2m-console",
    AUTH_ZITADEL_CLIENT_SECRET: "console-secret",
    APP_ORIGIN: APP,
    PROVISIONING_SECRET_WAIT_SECONDS: "20",
  });
  await getStore();
  await startProvisioningWorker();
});

afterAll(async () => {
  await closeJobQueue();
  await closeStore();
  await closeAgents();
  await zitadel.fake.server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("creating a service user", () => {
  it("is refused to an operator and runs to the end for an admin, offering the secret once to that admin only", async () => {
    signedIn.operator = await signIn("oscar", "operator");
    expect((await call(serviceUsers.POST, "POST", {}, newUser())).status).toBe(403);

    const ada = await signIn("ada", "admin");
    signedIn.operator = ada;
    const started = await call(serviceUsers.POST, "POST", {}, newUser());
    expect(started.status).toBe(202);
    expect(started.headers.get("cache-control")).toContain("no-store");
    const { id } = (await started.json()) as JobJson;

    const finished = await settled(id);
    expect(finished.state).toBe("done");
    expect(finished.steps.map((step) => [step.name, step.state])).toEqual([
      ["create_user", "done"],
      ["generate_secret", "done"],
      ["register", "done"],
      ["grant_role", "done"],
      ["test_token", "done"],
      ["lookup_org", "done"],
    ]);
    // The scripted ZITADEL refuses a new secret twice before it accepts it.
    expect(finished.steps[4]?.detail).toBe("ZITADEL accepted the new secret after 3 tries");
    const user = zitadel.users.get(finished.userId ?? "");
    expect(user?.secret).toBeTruthy();
    expect(zitadel.members.get(finished.userId ?? "")).toEqual(["ORG_OWNER"]);
    expect(JSON.stringify(finished)).not.toContain(user?.secret);
    expect(finished.secretOffer).toBe(true);

    signedIn.operator = await signIn("another-admin", "admin");
    expect((await call(secret.POST, "POST", { id }, {})).status).toBe(410);
    signedIn.operator = ada;
    const offered = await call(secret.POST, "POST", { id }, {});
    expect(offered.status).toBe(200);
    expect(await offered.json()).toEqual({ clientId: user?.userName, clientSecret: user?.secret });
    expect((await call(secret.POST, "POST", { id }, {})).status).toBe(410);
    expect((await readJob(id)).secretOffer).toBe(false);

    const audit = await (await getStore()).audit.list({ action: "zitadel.call", limit: 200 });
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit.items)).not.toContain(user?.secret);
    expect(JSON.stringify(audit.items)).not.toContain(zitadel.operatorToken);
  });

  it("stops at a refused role grant, says who lacks what, and resumes once from that step", async () => {
    const ada = await signIn("ada", "admin");
    signedIn.operator = ada;
    zitadel.forbidMembers = true;
    const { id } = (await (await call(serviceUsers.POST, "POST", {}, newUser())).json()) as JobJson;
    const failed = await settled(id);
    zitadel.forbidMembers = false;
    expect(failed.state).toBe("failed");
    const grant = failed.steps.find((step) => step.name === "grant_role");
    expect(grant?.state).toBe("failed");
    expect(grant?.diagnosis?.code).toBe("provisioning_forbidden");
    expect(grant?.diagnosis?.explanation).toContain("org.member.write");
    expect(grant?.diagnosis?.explanation).toContain("ada");
    expect(failed.steps.find((step) => step.name === "test_token")?.state).toBe("pending");

    const both = await Promise.all([call(resume.POST, "POST", { id }, {}), call(resume.POST, "POST", { id }, {})]);
    expect(both.map((response) => response.status).sort()).toEqual([202, 409]);
    const done = await settled(id);
    expect(done.state).toBe("done");
    expect(done.steps.find((step) => step.name === "create_user")?.attempts).toBe(1);
    expect(done.steps.find((step) => step.name === "grant_role")?.attempts).toBe(2);
    expect((await call(resume.POST, "POST", { id }, {})).status).toBe(409);
  });

  it("generates a new secret when registering failed: the old one's plaintext is gone with the run that held it", async () => {
    signedIn.operator = await signIn("ada", "admin");
    const userName = `svc-${randomBytes(4).toString("hex")}`;
    const store = await getStore();
    const { newCredential } = await import("@/lib/server/store/testing/fixtures");
    const blocker = newCredential({ issuer: zitadel.issuer, clientId: userName });
    await store.credentials.create(blocker, { actor: "test", action: "credential.create", outcome: "success" });

    const { id } = (await (await call(serviceUsers.POST, "POST", {}, newUser({ userName }))).json()) as JobJson;
    const failed = await settled(id);
    expect(failed.steps.find((step) => step.name === "register")?.state).toBe("failed");

    await store.credentials.delete(blocker.id, null, { actor: "test", action: "credential.delete", outcome: "success" });
    expect((await call(resume.POST, "POST", { id }, {})).status).toBe(202);
    const done = await settled(id);
    expect(done.state).toBe("done");
    expect(done.steps.find((step) => step.name === "generate_secret")?.attempts).toBe(2);
  });
});

describe("credential actions", () => {
  it("rotates the secret in ZITADEL, stores it and waits until ZITADEL accepts it", async () => {
    signedIn.operator = await signIn("ada", "admin");
    const { id } = (await (await call(serviceUsers.POST, "POST", {}, newUser())).json()) as JobJson;
    const created = await settled(id);
    const credentialId = created.credentialId ?? "";
    const before = zitadel.users.get(created.userId ?? "")?.secret;

    signedIn.operator = await signIn("oscar", "operator");
    const body = { action: "rotate_secret", authority: { kind: "operator" }, confirm: true };
    expect((await call(actions.POST, "POST", { id: credentialId }, body)).status).toBe(403);

    signedIn.operator = await signIn("ada", "admin");
    const response = await call(actions.POST, "POST", { id: credentialId }, body);
    expect(response.status).toBe(200);
    const result = (await response.json()) as { outcome: string; steps: { name: string; attempts: number; state: string }[] };
    expect(result.outcome).toBe("fixed");
    expect(result.steps.map((step) => step.name)).toEqual(["find_user", "generate_secret", "store_secret", "test_token", "lookup_org"]);
    expect(result.steps.find((step) => step.name === "test_token")?.attempts).toBe(3);
    expect(zitadel.users.get(created.userId ?? "")?.secret).not.toBe(before);
    expect(JSON.stringify(result)).not.toContain(zitadel.users.get(created.userId ?? "")?.secret);
  });

  it("reactivates a deactivated service user", async () => {
    signedIn.operator = await signIn("ada", "admin");
    const { id } = (await (await call(serviceUsers.POST, "POST", {}, newUser())).json()) as JobJson;
    const created = await settled(id);
    const user = zitadel.users.get(created.userId ?? "");
    if (user) user.active = false;
    const body = { action: "reactivate", authority: { kind: "operator" }, confirm: true };
    const result = (await (await call(actions.POST, "POST", { id: created.credentialId ?? "" }, body)).json()) as { outcome: string };
    expect(result.outcome).toBe("fixed");
    expect(user?.active).toBe(true);
  });
});

describe("authorities and provisioners", () => {
  it("offers the operator's own account only while the session holds a ZITADEL token, and only at the sign-in issuer", async () => {
    const ada = await signIn("ada", "admin");
    signedIn.operator = ada;
    const [own] = ((await (await call(authorities.GET, "GET")).json()) as { authorities: { kind: string; available: boolean }[] })
      .authorities;
    expect(own).toMatchObject({ kind: "operator", available: true });

    const elsewhere = new Request(`${APP}/api/provisioning/authorities?issuer=https://other.example.com`, { headers: { origin: APP } });
    const [foreign] = (
      (await (await authorities.GET(elsewhere, { params: Promise.resolve({}) })).json()) as {
        authorities: { available: boolean; reason: string }[];
      }
    ).authorities;
    expect(foreign?.available).toBe(false);
    expect(foreign?.reason).toContain("use a provisioner");

    await closeSession(ada.sessionIdHash);
    expect(await getOperatorZitadelToken(ada)).toMatchObject({ ok: false });
    expect((await call(serviceUsers.POST, "POST", {}, newUser())).status).toBe(422);
  });

  it("registers one provisioner per issuer, creates users with it, and removes it", async () => {
    signedIn.operator = await signIn("ada", "admin");
    const made = await settled(((await (await call(serviceUsers.POST, "POST", {}, newUser())).json()) as JobJson).id);
    zitadel.managers.add(made.userId ?? "");

    const registered = await call(provisioners.PUT, "PUT", {}, { credentialId: made.credentialId });
    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({ issuer: zitadel.issuer, credentialId: made.credentialId, createdBy: { name: "ada" } });
    const listed = (await (await call(provisioners.GET, "GET")).json()) as { provisioners: { credentialId: string }[] };
    expect(listed.provisioners.map((row) => row.credentialId)).toEqual([made.credentialId]);

    const authority = { kind: "provisioner", credentialId: made.credentialId };
    const viaProvisioner = await settled(
      ((await (await call(serviceUsers.POST, "POST", {}, newUser({ authority }))).json()) as JobJson).id,
    );
    expect(viaProvisioner.state).toBe("done");
    const calls = await (await getStore()).audit.list({ action: "zitadel.call", limit: 200 });
    expect(
      calls.items.some((row) => row.detail?.authority === "provisioner" && row.detail.authorityCredentialId === made.credentialId),
    ).toBe(true);

    expect((await call(provisioner.DELETE, "DELETE", { credentialId: made.credentialId ?? "" })).status).toBe(204);
    expect((await call(provisioner.DELETE, "DELETE", { credentialId: made.credentialId ?? "" })).status).toBe(404);
    expect((await call(serviceUsers.POST, "POST", {}, newUser({ authority }))).status).toBe(422);
  });

  it("grants a role to a member by adding it to the roles it has, never taking one away", async () => {
    signedIn.operator = await signIn("ada", "admin");
    const made = await settled(
      ((await (await call(serviceUsers.POST, "POST", {}, newUser({ role: "ORG_USER_MANAGER" }))).json()) as JobJson).id,
    );
    const body = { action: "grant_role", authority: { kind: "operator" }, role: "ORG_OWNER_VIEWER" };
    const result = (await (await call(actions.POST, "POST", { id: made.credentialId ?? "" }, body)).json()) as { outcome: string };
    expect(result.outcome).toBe("fixed");
    expect(zitadel.members.get(made.userId ?? "")).toEqual(["ORG_USER_MANAGER", "ORG_OWNER_VIEWER"]);
  });
});
