import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "../fixtures";
import { registerCredential } from "./demo-credentials";
import { storageStatePath } from "../support/sign-in";

// What an insider does with a stored secret leaves a trace: a token test whose client hangs up once the secret is on
// its way is still recorded (history and audit, with its real outcome), a diagnosis answered with 200 names the request
// that its audit row and log line carry, and that row has the connection's address, whatever headers a client forges.

interface AuditItem {
  action: string;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

const LOOPBACK = /^(127\.0\.0\.1|::1)$/;

function cookieHeader(): string {
  const state = JSON.parse(readFileSync(storageStatePath("admin"), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

test("a token test its client aborts after the secret was sent is still recorded in history and audit, with its outcome", async ({
  api,
  appOrigin,
  emulatorIssuer,
}) => {
  const clientId = `hangup${randomBytes(3).toString("hex")}`;
  const id = await registerCredential(api, {
    label: `Hang-up ${clientId}`,
    issuer: emulatorIssuer,
    clientId,
    clientSecret: "not-the-secret",
  });
  const gate = `${emulatorIssuer}/__emulator/gates/${encodeURIComponent(clientId)}`;
  const waiting = async () => ((await (await fetch(`${emulatorIssuer}/__emulator/gates`)).json()) as { waiting: number }).waiting;
  expect((await fetch(gate, { method: "POST" })).ok).toBe(true);
  try {
    const client = new AbortController();
    const pending = fetch(`${appOrigin}/api/credentials/${id}/token`, {
      method: "POST",
      headers: { Origin: appOrigin, Cookie: cookieHeader() },
      signal: client.signal,
    }).catch((error: unknown) => error);
    // The emulator holds the request: the stored secret has reached "ZITADEL". Then the client hangs up.
    await expect.poll(waiting).toBeGreaterThan(0);
    client.abort();
    expect(await pending).toBeInstanceOf(Error);
  } finally {
    await fetch(gate, { method: "DELETE" });
  }

  await expect
    .poll(async () => ((await (await api.get(`/api/credentials/${id}/tests?limit=5`)).json()) as { items: { outcome: string }[] }).items)
    .toEqual([expect.objectContaining({ kind: "token", outcome: "client_not_found" })]);
  const audit = (await (await api.get(`/api/audit?credentialId=${id}&action=token.test`)).json()) as { items: AuditItem[] };
  expect(audit.items).toEqual([
    expect.objectContaining({ outcome: "failure", detail: expect.objectContaining({ diagnosis: "client_not_found" }) }),
  ]);
});

test("a failed token test answers 200 with a diagnosis naming its request, whose audit row has the real client address", async ({
  api,
  emulatorIssuer,
}) => {
  const clientId = `traced${randomBytes(3).toString("hex")}`;
  const id = await registerCredential(api, {
    label: `Traced ${clientId}`,
    issuer: emulatorIssuer,
    clientId,
    clientSecret: "not-the-secret",
  });
  // Forged source headers: no proxy is trusted in e2e, and our own header is replaced by the server.
  const response = await api.post(`/api/credentials/${id}/token`, {
    headers: { "X-Forwarded-For": "203.0.113.66", "X-M2M-Console-Peer-Address": "198.51.100.7" },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { outcome: string; diagnosis: { code: string; requestId?: string } };
  expect(body).toMatchObject({ outcome: "failed", diagnosis: { code: "client_not_found" } });
  expect(body.diagnosis.requestId).toMatch(/^[0-9a-f-]{36}$/);

  const audit = (await (await api.get(`/api/audit?credentialId=${id}&action=token.test`)).json()) as { items: AuditItem[] };
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]?.requestId).toBe(body.diagnosis.requestId);
  expect(audit.items[0]?.ip).toMatch(LOOPBACK);
});
