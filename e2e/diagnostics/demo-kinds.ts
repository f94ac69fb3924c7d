import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

// The emulator's demo key files (emulator/seed/keys/) and personal access tokens (emulator/seed/demo.json), read from
// the seed so the tests and the emulator never disagree, and registering them through the API.

const SEED = join(__dirname, "..", "..", "emulator", "seed");

export type DemoKeyFile = "acme-key-bot" | "acme-key-bot-expired" | "acme-retired" | "demo-api";

/** The key file's text, as ZITADEL downloads it. */
export function keyFileText(name: DemoKeyFile): string {
  return readFileSync(join(SEED, "keys", `${name}.json`), "utf8");
}

export function keyFile(name: DemoKeyFile): { keyId: string; userId?: string; key: string; expirationDate?: string; clientId?: string } {
  return JSON.parse(keyFileText(name));
}

/** What an operator picks in a file input. */
export function keyFileUpload(name: DemoKeyFile) {
  return { name: `${name}.json`, mimeType: "application/json", buffer: Buffer.from(keyFileText(name)) };
}

interface SeedUser {
  id: string;
  username: string;
  pats?: { token: string; expirationDate: string }[];
}

/** acme-reporter's personal access tokens: one valid until 2099, one expired. */
export function demoPats(): { userId: string; valid: string; expired: string } {
  const seed = JSON.parse(readFileSync(join(SEED, "demo.json"), "utf8")) as { serviceUsers: SeedUser[] };
  const reporter = seed.serviceUsers.find((user) => user.username === "acme-reporter");
  const pats = reporter?.pats ?? [];
  const now = Date.now();
  const valid = pats.find((pat) => Date.parse(pat.expirationDate) > now);
  const expired = pats.find((pat) => Date.parse(pat.expirationDate) <= now);
  if (!reporter || !valid || !expired) throw new Error("emulator/seed/demo.json gives acme-reporter a valid and an expired PAT");
  return { userId: reporter.id, valid: valid.token, expired: expired.token };
}

/** The API app of the demo project that introspects tokens; only tokens with its project in `aud` are active for it. */
export const INTROSPECTOR = {
  clientId: "demo-api",
  secret: "demo-api-secret",
  projectId: "500000000000000002",
  audScope: "urn:zitadel:iam:org:project:id:500000000000000002:aud",
};

export const KEY_BOT = { username: "acme-key-bot", orgName: "ACME Corporation" };

type KindBody =
  | { kind: "jwt_profile"; label: string; issuer: string; keyFile: string; scopes?: string }
  | { kind: "pat"; label: string; issuer: string; token: string };

/**
 * Registers a key file or PAT through `api` and returns the credential's id. A key's user is unique per issuer: when
 * this run registered it already, that credential gets this key (and scopes) instead, as an operator would do.
 */
export async function registerKind(api: APIRequestContext, body: KindBody): Promise<string> {
  const created = await api.post("/api/credentials", { data: body });
  if (created.status() === 201) return ((await created.json()) as { id: string }).id;
  expect(created.status(), await created.text()).toBe(409);
  const { error } = (await created.json()) as { error: { conflict?: { credentialId: string; version: number } } };
  expect(error.conflict, "a conflict names the credential it collided with").toBeTruthy();
  const { credentialId } = error.conflict!;
  let { version } = error.conflict!;
  if (body.kind === "jwt_profile" && body.scopes) {
    const patched = await api.patch(`/api/credentials/${credentialId}`, { data: { scopes: body.scopes, version } });
    expect(patched.ok(), await patched.text()).toBe(true);
    version = ((await patched.json()) as { version: number }).version;
  }
  const material = body.kind === "jwt_profile" ? { keyFile: body.keyFile } : { token: body.token };
  const replaced = await api.put(`/api/credentials/${credentialId}/secret`, { data: { ...material, version } });
  expect(replaced.ok(), await replaced.text()).toBe(true);
  return credentialId;
}

/**
 * Makes sure `issuer` has demo-api as its introspection client, added through the admin page as an operator would.
 * Another worker may add it at the same moment: a "one per issuer" refusal then means it is there.
 */
export async function ensureIntrospectionClient(page: Page, issuer: string) {
  await page.goto("/settings/introspection");
  await expect(page.getByRole("heading", { name: "Introspection clients", level: 1 })).toBeVisible();
  const listed = page.getByTestId("introspection-client").filter({ hasText: issuer });
  await expect(page.getByRole("heading", { name: "Configured" })).toBeVisible();
  await expect(page.getByTestId("introspection-client").or(page.getByText("None yet.")).first()).toBeVisible();
  if ((await listed.count()) > 0) return;
  await page.getByLabel("Issuer", { exact: true }).fill(issuer);
  await page.getByLabel("Client ID", { exact: true }).fill(INTROSPECTOR.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(INTROSPECTOR.secret);
  await page.getByRole("button", { name: "Add introspection client" }).click();
  await expect(listed.or(page.getByRole("alert").filter({ hasText: /already/i })).first()).toBeVisible();
  await page.reload();
  await expect(listed).toHaveCount(1);
}
