import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// The audit log as an admin reads it: filters that narrow it (kept in the URL), the exact time of each entry, the
// reason beside a refusal, and links only to credentials that exist.

test("filters by action, outcome, operator and time range narrow the log; refused rows are named, not linked", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const clientId = `audit-sa-${suffix}`;
  const fields = { label: `Audited ${suffix}`, issuer: emulatorIssuer, clientId, clientSecret: `audit-secret-${suffix}` };
  const created = await api.post("/api/credentials", { data: fields });
  expect(created.status()).toBe(201);
  // A refused duplicate, and an import row refused for the same reason: neither credential was ever created.
  expect((await api.post("/api/credentials", { data: { ...fields, label: `Again ${suffix}` } })).status()).toBe(409);
  const csv = `label,issuer,clientId,clientSecret\nCSV ${suffix},${emulatorIssuer},${clientId},csv-secret-${suffix}`;
  const imported = await api.post("/api/credentials/import", { data: { format: "csv", text: csv } });
  expect(await imported.json()).toMatchObject({ created: 0, failed: [{ row: 2 }] });

  const ours = page.getByTestId("audit-row").filter({ hasText: clientId });
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(ours).toHaveCount(3);

  await page.getByLabel("Action", { exact: true }).selectOption("credential.create");
  await expect(page).toHaveURL(/action=credential\.create/);
  await expect(ours).toHaveCount(2);
  await expect(page.getByTestId("audit-row").filter({ hasNotText: "credential.create" })).toHaveCount(0);

  await page.getByLabel("Outcome", { exact: true }).selectOption("failure");
  await expect(ours).toHaveCount(1);
  await expect(ours).toContainText("already registered");
  await expect(ours.getByRole("link")).toHaveCount(0);

  await page.getByLabel("Outcome", { exact: true }).selectOption("success");
  await expect(ours).toHaveCount(1);
  await expect(ours.getByRole("link", { name: new RegExp(clientId) })).toHaveAttribute(
    "href",
    `/credentials/${((await created.json()) as { id: string }).id}`,
  );
  // The exact time is shown, not only "N s ago".
  await expect(ours.locator("time").first()).toHaveText(/\d{4}, \d{1,2}:\d{2}:\d{2}/);

  await page.getByLabel("Action", { exact: true }).selectOption("credential.import");
  await page.getByLabel("Outcome", { exact: true }).selectOption("failure");
  await expect(ours).toHaveCount(1);
  await expect(ours).toContainText("already registered");
  await expect(ours.getByRole("link")).toHaveCount(0);

  // The console's own entries (key rotation) are not this admin's.
  await page.getByLabel("Operator", { exact: true }).selectOption("system");
  await expect(page).toHaveURL(/actor=system/);
  await expect(ours).toHaveCount(0);
  await page.getByLabel("Operator", { exact: true }).selectOption("");
  await expect(ours).toHaveCount(1);

  // A range that ends before these entries were written holds none of them; one that starts before holds them.
  await page.getByLabel("To", { exact: true }).fill("2020-01-01T00:00");
  await expect(page).toHaveURL(/to=2020-01-01T/);
  await expect(ours).toHaveCount(0);
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByLabel("From", { exact: true }).fill("2020-01-01T00:00");
  await expect(ours).toHaveCount(1);

  // The URL alone reproduces the view.
  await page.reload();
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("credential.import");
  await expect(page.getByLabel("Outcome", { exact: true })).toHaveValue("failure");
  await expect(ours).toHaveCount(1);
});

test("the API refuses a filter it does not know, and answers only matching entries", async ({ api, apiReference }) => {
  const bad = await api.get("/api/audit?outcome=maybe&action=credential.explode");
  expect(bad.status()).toBe(422);
  await apiReference.expectAnswer("GET", bad);
  const body = (await bad.json()) as { error: { fields: Record<string, string[]> } };
  expect(Object.keys(body.error.fields).sort()).toEqual(["action", "outcome"]);
  expect((await api.get("/api/audit?from=2026-03-03T10:00:00Z&to=2026-03-03T09:00:00Z")).status()).toBe(422);

  const denied = await api.get("/api/audit?outcome=denied&limit=50");
  expect(denied.ok()).toBe(true);
  await apiReference.expectAnswer("GET", denied);
  const { items } = (await denied.json()) as { items: { outcome: string; credentialExists: boolean }[] };
  expect(items.every((item) => item.outcome === "denied")).toBe(true);
});

test("the page's own org lookups are marked automatic; a lookup asked for (a click, a script) is not", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const clientId = `auto-sa-${suffix}`;
  const created = await api.post("/api/credentials", {
    data: { label: `Auto ${suffix}`, issuer: emulatorIssuer, clientId, clientSecret: `auto-secret-${suffix}` },
  });
  const { id } = (await created.json()) as { id: string };
  await detailPage.goto(id);
  // The page looks up on its own (kept out of the history, audited); wait until it has answered.
  await detailPage.expectOrgSettled();
  expect((await api.post(`/api/credentials/${id}/org`)).ok()).toBe(true);

  await page.goto(`/audit?credentialId=${id}&action=org.lookup`);
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "automatic" }).first()).toBeVisible();
  await expect(rows.filter({ hasNotText: "automatic" })).toHaveCount(1);
});
