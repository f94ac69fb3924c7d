import { expect, test } from "../fixtures";
import { ACME_ORG, DEMO_USERS, registerCredential } from "./demo-credentials";
import { CredentialDetailPage } from "../pages/credential-detail-page";

// "Try a call": any ZITADEL API request with the credential's token, on its own issuer. The answer is shown, a refusal
// diagnosed as the org lookup would, the call given as curl without the secret or the token; reads are an operator's,
// changes an admin's, and no path reaches another host.

test("an admin asks ZITADEL's Auth API who the service user is, and reads the answer and its curl", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const id = await registerCredential(api, { label: "JWT bot (try a call)", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  const panel = page.getByTestId("try-a-call");
  await panel.getByText("Try a call", { exact: true }).click();
  await expect(panel.getByLabel("Path")).toHaveValue("/auth/v1/users/me");
  await panel.getByRole("button", { name: "Send", exact: true }).click();

  const result = panel.getByTestId("call-result");
  await expect(result).toContainText("HTTP 200");
  await expect(result).toContainText(`GET ${emulatorIssuer}/auth/v1/users/me`);
  await expect(result.getByLabel("Answer", { exact: true })).toContainText(`"userName": "${clientId}"`);
  const curl = result.getByLabel("curl", { exact: true });
  await expect(curl).toContainText("Authorization: Bearer $TOKEN");
  await expect(result).not.toContainText(secret);

  // Another preset: the organization, as the org panel reads it.
  await panel.getByLabel("Start from").selectOption({ label: "My organization: GET /management/v1/orgs/me" });
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(result.getByLabel("Answer", { exact: true })).toContainText(ACME_ORG.name);

  // The answer scrolls inside the panel at phone width instead of widening the page.
  await page.setViewportSize({ width: 390, height: 844 });
  const answer = await result.getByLabel("Answer", { exact: true }).boundingBox();
  expect(answer && answer.x >= 0 && answer.x + answer.width <= 390).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a refused call is diagnosed, and a path that would leave the issuer is refused before anything is sent", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.noRole;
  const id = await registerCredential(api, { label: "No role (try a call)", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  const panel = page.getByTestId("try-a-call");
  await panel.getByText("Try a call", { exact: true }).click();
  await panel.getByLabel("Start from").selectOption({ label: "My organization: GET /management/v1/orgs/me" });
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(panel.getByTestId("call-result")).toContainText("HTTP 403");
  await expect(panel.getByTestId("call-diagnosis")).toHaveAttribute("data-code", "missing_permission");

  await panel.getByLabel("Path").fill("//evil.example/management/v1/orgs/me");
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(panel.getByText("Start with a single /")).toBeVisible();
  // The API refuses it too, whatever a client sends.
  for (const path of ["//evil.example/x", "https://evil.example/auth/v1/users/me", "/auth/v1/../../x", "/debug/metrics"]) {
    const refused = await api.post(`/api/credentials/${id}/call`, { data: { method: "GET", path } });
    expect(refused.status(), path).toBe(422);
  }
});

test("an operator sends reads; a call that can change ZITADEL needs an admin, in the page and in the API", async ({
  pageAs,
  requestAs,
  api,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const id = await registerCredential(api, { label: "JWT bot (try a call)", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const page = await pageAs("operator");
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  const panel = page.getByTestId("try-a-call");
  await panel.getByText("Try a call", { exact: true }).click();
  await panel.getByLabel("Method").selectOption("DELETE");
  await panel.getByLabel("Path").fill("/management/v1/users/300000000000000002");
  await expect(panel.getByRole("button", { name: "Send", exact: true })).toHaveAttribute("aria-disabled", "true");
  await expect(panel).toContainText("so it needs an admin");

  const operator = await requestAs("operator");
  const refused = await operator.post(`/api/credentials/${id}/call`, {
    data: { method: "DELETE", path: "/management/v1/users/300000000000000002" },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({
    error: { code: "forbidden", message: "Calls that can change ZITADEL need the admin role." },
  });
});
