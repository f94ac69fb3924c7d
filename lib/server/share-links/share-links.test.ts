import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal, secretContext } from "@/lib/server/crypto";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeStore, getStore, type CredentialRow, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { createShareLink, revokeShareLink, viewShareLink } from "./index";

// Share links as an attacker and a support engineer meet them: an unguessable address that opens the frozen report
// without a session, carries nothing of the secret, lives no longer than the cap, and is gone once revoked.

const SECRET = "ShareCanarySecret2026xxxxxxxxxxx9";
const person = (id: string, role: "viewer" | "operator" | "admin") => ({
  operator: { id, name: `${id} name`, email: null, login: id, role, sessionIdHash: `s-${id}` },
  requestId: `req-${id}`,
  ip: null,
});
const maker = person("maker", "operator");

let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "m2m-share-links-"));
  setTestEnv({ SQLITE_PATH: join(dir, "console.sqlite"), SHARE_LINK_MAX_HOURS: "24", APP_ORIGIN: "http://console.test" });
  store = await getStore();
});

afterAll(async () => {
  await closeStore();
  rmSync(dir, { recursive: true, force: true });
});

async function failingCredential(): Promise<CredentialRow> {
  const id = randomUUID();
  const issuer = `https://${id.slice(0, 8)}.zitadel.cloud`;
  const secretEnvelope = seal(SECRET, secretContext(id, issuer, "acme-retired"));
  const credential = await store.credentials.create(newCredential({ id, issuer, clientId: "acme-retired", secretEnvelope }), {
    actor: "maker",
    action: "credential.create",
    outcome: "success",
  });
  await store.testRuns.recordCheck(
    {
      credentialId: id,
      kind: "token",
      actor: "maker",
      actorName: "maker name",
      outcome: "user_inactive",
      httpStatus: 400,
      latencyMs: 9,
      orgId: null,
      orgName: null,
      cached: false,
      requestId: "req-of-the-check",
      upstreamError: { error: "invalid_request", description: "Errors.User.NotActive" },
    },
    { actor: "maker", action: "token.test", outcome: "failure" },
    { token: "user_inactive" },
  );
  return credential;
}

function linkIdOf(url: string): string {
  return url.slice("http://console.test/shared/".length);
}

describe("share links", () => {
  it("open the frozen report by an unguessable address kept only hashed, with the diagnosis, the ids and no secret", async () => {
    const credential = await failingCredential();
    const { url, link } = await createShareLink(maker, { sourceType: "check", sourceId: credential.id, expiresInHours: 1 });
    const linkId = linkIdOf(url);
    expect(linkId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = await store.shareLinks.get(link.id);
    expect(JSON.stringify(row)).not.toContain(linkId);

    const shared = await viewShareLink(linkId);
    expect(shared.state).toBe("live");
    const markdown = shared.state === "live" ? shared.markdown : "";
    for (const text of ["acme-retired", "Errors.User.NotActive", "req-of-the-check", "$CLIENT_SECRET"]) expect(markdown).toContain(text);
    expect(markdown).not.toContain(SECRET);
    expect(row?.reportJson).not.toContain(SECRET);
    expect((await store.shareLinks.get(link.id))?.viewCount).toBe(1);
    expect(await viewShareLink(`${linkId.slice(0, -1)}${linkId.endsWith("A") ? "B" : "A"}`)).toEqual({ state: "unknown" });
  });

  it("live no longer than the server's cap, whatever expiry was asked for", async () => {
    const credential = await failingCredential();
    const before = Date.now();
    const { link } = await createShareLink(maker, { sourceType: "check", sourceId: credential.id, expiresInHours: 168 });
    expect(Date.parse(link.expiresAt) - before).toBeLessThanOrEqual(24 * 3_600_000 + 1000);
  });

  it("are revoked by their maker or an admin only, audited, and gone afterwards", async () => {
    const credential = await failingCredential();
    const { url, link } = await createShareLink(maker, { sourceType: "check", sourceId: credential.id, expiresInHours: 24 });
    await expect(revokeShareLink(person("other", "operator"), link.id)).rejects.toMatchObject({ code: "forbidden" });
    const revoked = await revokeShareLink(person("boss", "admin"), link.id);
    expect(revoked.state).toBe("revoked");
    expect(await viewShareLink(linkIdOf(url))).toEqual({ state: "gone" });
    await expect(revokeShareLink(maker, link.id)).rejects.toMatchObject({ code: "conflict" });
    const actions = (await store.audit.list({ limit: 50 })).items
      .filter((item) => item.detail?.linkId === link.id)
      .map((item) => item.action);
    expect(actions).toEqual(["share_link.revoke", "share_link.create"]);
  });

  it("refuse a credential with no recorded check: there is nothing to freeze", async () => {
    const row = await store.credentials.create(newCredential(), { actor: "maker", action: "credential.create", outcome: "success" });
    await expect(createShareLink(maker, { sourceType: "check", sourceId: row.id, expiresInHours: 1 })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
