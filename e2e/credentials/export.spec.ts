import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Export exports what the list shows: the list's search rides on its export links, and each row carries the last
// known organization and the latest test's outcome.

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

test("export with the list's search returns only the matching credentials, with their organization and status", async ({
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
  expect(items.find((item) => item.id === reporter)).toMatchObject({ lastOrgId: ACME_ORG.id, lastOrgName: ACME_ORG.name, status: "ok" });

  const csvHref = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!;
  const csv = await (await page.request.get(csvHref)).text();
  const [header, ...lines] = csv.trim().split("\n");
  expect(header).toContain("lastOrgId,lastOrgName,status,statusAt");
  expect(lines.find((line) => line.startsWith(`${reporter},`))).toContain(`,${ACME_ORG.id},${ACME_ORG.name},ok,`);
  expect(csv).not.toContain(`other-sa-${suffix}`);
  expect(csv).not.toContain(secret);
});
