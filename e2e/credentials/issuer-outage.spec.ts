import type { APIRequestContext, Locator } from "@playwright/test";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// An issuer in trouble as support reads the list: acme-flaky's org lookups get ZITADEL's 503 and acme-html's a proxy's
// HTML 502 page (the emulator's seeded faults). Neither says anything about the credential, so both show the grey
// "Issuer unavailable", counted apart from failing, under one banner for the issuer that says since when and how many.

async function lookUp(api: APIRequestContext, id: string): Promise<void> {
  const response = await api.post(`/api/credentials/${id}/org`, { data: { trigger: "operator" } });
  expect(response.status(), await response.text()).toBe(200);
  expect(((await response.json()) as { outcome: string }).outcome).toBe("failed");
}

/** The badge's background: the status badge and the kind badge beside it are the same element type. */
function background(inner: Locator): Promise<string> {
  return inner.evaluate((element) => getComputedStyle(element.parentElement ?? element).backgroundColor);
}

test("a 503 and a proxy's 502 page show as Issuer unavailable under one banner for the issuer, not as failing credentials", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const { flaky, html } = DEMO_USERS;
  const flakyId = await registerCredential(api, {
    label: "ACME flaky",
    issuer: emulatorIssuer,
    clientId: flaky.clientId,
    clientSecret: flaky.secret,
  });
  const htmlId = await registerCredential(api, {
    label: "ACME HTML",
    issuer: emulatorIssuer,
    clientId: html.clientId,
    clientSecret: html.secret,
  });
  await lookUp(api, flakyId);
  await lookUp(api, htmlId);
  for (const id of [flakyId, htmlId]) {
    const { health } = (await (await api.get(`/api/credentials/${id}`)).json()) as { health: { status: string } };
    expect(health.status).toBe("issuer_unavailable");
  }
  const counts = (await (await api.get(`/api/credentials/counts?issuer=${encodeURIComponent(emulatorIssuer)}`)).json()) as {
    byStatus: Record<string, number>;
    issuerOutages: { issuer: string; credentials: number }[];
  };
  expect(counts.byStatus.issuer_unavailable).toBeGreaterThanOrEqual(2);
  const outage = counts.issuerOutages.find((entry) => entry.issuer === emulatorIssuer);
  expect(outage?.credentials).toBeGreaterThanOrEqual(2);

  await credentialsPage.gotoList();
  const banner = page
    .getByTestId("issuer-outages")
    .getByRole("alert")
    .filter({ hasText: new URL(emulatorIssuer).host });
  await expect(banner).toContainText(`${new URL(emulatorIssuer).host} is unavailable`);
  await expect(banner.getByTestId("issuer-outage")).toContainText(/^Since .+, checks of \d+ credentials got/);
  await expect(banner.locator("time")).toHaveAttribute("datetime", /^\d{4}-/);
  await expect(banner).toContainText("not caused by the credentials");

  // One click shows exactly the credentials the outage hides, each grey rather than red.
  await banner.getByRole("button", { name: /^Show the \d+ credentials$/ }).click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("status") === "issuer_unavailable" && url.searchParams.get("issuer") === emulatorIssuer,
  );
  for (const id of [flakyId, htmlId]) {
    const row = credentialsPage.rowOf(id);
    await expect(row.getByTestId("credential-health")).toHaveText("Issuer unavailable");
    expect(await background(row.getByTestId("credential-health"))).toBe(await background(row.getByTestId("credential-kind")));
  }
  await expect(credentialsPage.rowOf(flakyId).getByTestId("credential-health-code")).toHaveText("server_error");
  await expect(credentialsPage.rowOf(htmlId).getByTestId("credential-health-code")).toHaveText("not_json");
  expect(new Set(await page.getByTestId("credential-health").allTextContents())).toEqual(new Set(["Issuer unavailable"]));
  const statuses = page.getByRole("group", { name: "Filter by status" });
  await expect(statuses.getByRole("button", { name: /^Issuer unavailable \d+$/ })).toBeVisible();
});
