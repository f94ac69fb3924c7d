import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Export exports what the list shows: the list's search and filters ride on its export links, and each row carries
// the last known organization and the health status, named as the list's filters name them.

interface Exported {
  id: string;
  label: string;
  clientId: string;
  issuer: string;
  tags: string[];
  lastOrgId: string | null;
  lastOrgName: string | null;
  status: string;
}

test("export with the list's search returns only the matching credentials, with their organization and health status", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const { clientId, secret } = DEMO_USERS.reporter;
  const reporter = await registerCredential(api, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  expect(await (await api.post(`/api/credentials/${reporter}/org`)).json()).toMatchObject({ outcome: "ok" });
  const other = await api.post("/api/credentials", {
    data: {
      label: `Not exported ${suffix}`,
      issuer: emulatorIssuer,
      clientId: `other-sa-${suffix}`,
      clientSecret: `other-secret-${suffix}`,
    },
  });
  expect(other.status()).toBe(201);

  await credentialsPage.gotoList();
  await credentialsPage.search(clientId);
  const jsonLink = page.getByRole("link", { name: "Export JSON" });
  await expect(jsonLink).toHaveAttribute("href", new RegExp(`search=${clientId}`));

  const json = await page.request.get((await jsonLink.getAttribute("href"))!);
  expect(json.ok()).toBe(true);
  const { items } = (await json.json()) as { items: Exported[] };
  expect(items.length).toBeGreaterThan(0);
  // The list's search looks at label, client ID, issuer and tags; so does the export.
  for (const item of items) expect([item.label, item.clientId, item.issuer, ...item.tags].join(" ").toLowerCase()).toContain(clientId);
  expect(items.find((item) => item.id === reporter)).toMatchObject({
    lastOrgId: ACME_ORG.id,
    lastOrgName: ACME_ORG.name,
    status: "working",
  });

  const csvHref = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!;
  const csv = await (await page.request.get(csvHref)).text();
  const [header, ...lines] = csv.trim().split("\n");
  expect(header).toContain("lastOrgId,lastOrgName,status,lastCheckedAt");
  expect(lines.find((line) => line.startsWith(`${reporter},`))).toContain(`,${ACME_ORG.id},${ACME_ORG.name},working,`);
  expect(csv).not.toContain(`other-sa-${suffix}`);
  expect(csv).not.toContain(secret);
});

test("export of a list filtered to one status returns exactly the credentials the filtered list shows", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const register = (label: string) =>
    registerCredential(api, {
      label: `${label} ${suffix}`,
      issuer: emulatorIssuer,
      clientId: `${label.toLowerCase()}-sa-${suffix}`,
      clientSecret: `secret-${suffix}`,
    });
  // A client ZITADEL does not know: its token test fails. The other is never tested.
  const failing = await register("Failing");
  const untested = await register("Untested");
  const tested = await api.post(`/api/credentials/${failing}/token`);
  expect(((await tested.json()) as { outcome: string }).outcome).toBe("failed");

  await credentialsPage.gotoList();
  await credentialsPage.search(suffix);
  await page
    .getByRole("group", { name: "Filter by status" })
    .getByRole("button", { name: /^Token fails \d+$/ })
    .click();
  await expect(page).toHaveURL((url) => url.searchParams.get("status") === "token_fails");
  await expect(credentialsPage.row(`Failing ${suffix}`)).toBeVisible();
  await expect(credentialsPage.row(`Untested ${suffix}`)).toHaveCount(0);

  const jsonLink = page.getByRole("link", { name: "Export JSON" });
  await expect(jsonLink).toHaveAttribute("href", /status=token_fails/);
  const { items } = (await (await page.request.get((await jsonLink.getAttribute("href"))!)).json()) as { items: Exported[] };
  expect(items.map((item) => item.id)).toEqual([failing]);

  const csvHref = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!;
  const csv = await (await page.request.get(csvHref)).text();
  expect(csv).toContain(`${failing},`);
  expect(csv).not.toContain(untested);
});

test("an export with a clientSecret column added imports again as the same credentials", async ({ api, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const tag = `rt-${suffix}`.slice(0, 32).toLowerCase();
  const created = await api.post("/api/credentials", {
    data: {
      label: `=Round trip ${suffix}`,
      issuer: emulatorIssuer,
      clientId: `roundtrip-sa-${suffix}`,
      clientSecret: `roundtrip-secret-${suffix}`,
      scopes: "openid profile",
      authMethod: "post",
      tags: [tag, "prod"],
      notes: '-, "quoted"\nsecond line',
    },
  });
  expect(created.status()).toBe(201);
  const original = (await created.json()) as Exported & { version: number };
  const csv = await (await api.get(`/api/credentials/export?format=csv&tag=${tag}`)).text();
  expect((await api.delete(`/api/credentials/${original.id}?version=${original.version}`)).status()).toBe(204);

  // The operator adds a clientSecret column at the end of the header and of the one record.
  const withSecret = csv.trimEnd().replace(/^([^\n]*)/, "$1,clientSecret") + `,roundtrip-secret-${suffix}\n`;
  const imported = await api.post("/api/credentials/import", { data: { format: "csv", text: withSecret } });
  expect(imported.status()).toBe(200);
  const result = (await imported.json()) as { created: number; createdIds: string[]; failed: unknown[] };
  expect(result).toMatchObject({ created: 1, failed: [] });
  const again = await (await api.get(`/api/credentials/${result.createdIds[0]}`)).json();
  const same = ["label", "issuer", "clientId", "scopes", "orgId", "authMethod", "tags", "notes", "kind"] as const;
  for (const field of same) expect(again[field], field).toEqual((original as unknown as Record<string, unknown>)[field]);
});
