import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Export exports what the list shows: the list's search and filters ride on its export links, and each row carries
// the last known organization and the latest test's outcome.

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
