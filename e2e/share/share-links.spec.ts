import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { INTROSPECTOR, demoPats, ensureIntrospectionClient, registerKind } from "../diagnostics/demo-kinds";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Share links as support and an attacker meet them: the address opens the redacted report in a browser with no
// session, with the diagnosis, ZITADEL's error and the request id and nothing of the secret; it answers 410 once
// revoked; only operators make links and only the maker or an admin revokes one.

test.slow();

async function failingCredential(api: APIRequestContext, emulatorIssuer: string) {
  const suffix = uniqueSuffix();
  const secret = `ShareCanary${suffix}Qw7Er9Ty1Ui3Op5As`;
  const clientId = `share-sa-${suffix}`;
  const id = await registerCredential(api, { label: `Share ${suffix}`, issuer: emulatorIssuer, clientId, clientSecret: secret });
  return { id, secret, clientId };
}

async function createLink(page: Page, share: ReturnType<Page["getByTestId"]>): Promise<string> {
  const links = share.getByTestId("share-links");
  await links.getByRole("button", { name: "Create link" }).click();
  const url = links.getByTestId("share-link-url");
  await expect(url).toHaveValue(/\/shared\/[A-Za-z0-9_-]{22}$/);
  return url.inputValue();
}

test("a share link opens the failing check's report without a session, names the ids, holds no secret, and is 410 once revoked", async ({
  page,
  pageAs,
  api,
  emulatorIssuer,
}) => {
  const { id, secret, clientId } = await failingCredential(api, emulatorIssuer);
  await page.goto(`/credentials/${id}`);
  const tokenPanel = page.getByRole("region", { name: "Access token" });
  await tokenPanel.getByRole("button", { name: "Test token" }).click();
  const diagnosis = tokenPanel.getByTestId("token-diagnosis");
  await expect(diagnosis).toContainText("Client ID not found");

  const share = page.getByTestId("share-report");
  await share.getByText("Share report").click();
  const url = await createLink(page, share);
  await expect(share.getByTestId("share-link").first()).toHaveAttribute("data-state", "live");

  const stranger = await pageAs("anonymous");
  const opened = await stranger.goto(url);
  expect(opened?.status()).toBe(200);
  const headers = opened!.headers();
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["content-security-policy"]).toContain("default-src 'none'");
  const report = stranger.getByTestId("shared-report");
  await expect(report).toContainText("Client ID not found");
  for (const text of [clientId, "invalid_client", "curl --request POST", "$CLIENT_SECRET"]) await expect(report).toContainText(text);
  // The request id names the recorded check's audit row (and log line): support finds it from the report.
  const requestId = /Request ID: ([0-9a-f-]{36})/.exec((await report.textContent()) ?? "")?.[1];
  const audit = (await (await api.get(`/api/audit?credentialId=${id}&limit=200`)).json()) as { items: { requestId: string | null }[] };
  expect(audit.items.map((item) => item.requestId)).toContain(requestId);
  // The report and nothing else of the console: no navigation, no sign-in.
  await expect(stranger.getByRole("navigation")).toHaveCount(0);
  expect((await stranger.content()).includes(secret), "the shared page must not contain the secret").toBe(false);

  await share.getByTestId("share-link").first().getByRole("button", { name: "Revoke" }).click();
  await expect(share.getByTestId("share-link").first()).toHaveAttribute("data-state", "revoked");
  const gone = await stranger.goto(url);
  expect(gone?.status()).toBe(410);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("This link is gone");
  expect((await stranger.content()).includes(clientId)).toBe(false);
});

test("a test-all run's report and its link list each failing credential with its diagnosis, and no secret", async ({
  page,
  pageAs,
  api,
  emulatorIssuer,
}) => {
  const failing = await failingCredential(api, emulatorIssuer);
  const noRole = await registerCredential(api, {
    label: `Share no role ${uniqueSuffix()}`,
    issuer: emulatorIssuer,
    clientId: DEMO_USERS.noRole.clientId,
    clientSecret: DEMO_USERS.noRole.secret,
  });
  const started = await api.post("/api/runs", { data: { scope: { kind: "selected", ids: [failing.id, noRole] } } });
  expect(started.status(), await started.text()).toBe(201);
  const { id: runId } = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await api.get(`/api/runs/${runId}`)).json()) as { run: { state: string } }).run.state, {
      timeout: 60_000,
    })
    .toBe("done");

  await page.goto(`/runs/${runId}`);
  const share = page.getByTestId("share-run-report");
  await share.getByText("Share report").click();
  const [download] = await Promise.all([page.waitForEvent("download"), share.getByRole("button", { name: "Download Markdown" }).click()]);
  const markdown = await readFile((await download.path())!, "utf8");
  const url = await createLink(page, share);
  const stranger = await pageAs("anonymous");
  expect((await stranger.goto(url))?.status()).toBe(200);
  const shared = (await stranger.getByTestId("shared-report").textContent()) ?? "";

  for (const text of [markdown, shared]) {
    expect(text).toContain("token_fails: 1");
    expect(text).toContain("org_fails: 1");
    expect(text).toContain("Client ID not found");
    // The org lookup's refusal carries ZITADEL's error id and the run's id as the request id.
    expect(text).toContain("AUTH-5mWD2");
    expect(text).toContain(`Request ID: ${runId}`);
    expect(text).toContain("**Fix:**");
    for (const secret of [failing.secret, DEMO_USERS.noRole.secret]) expect(text.includes(secret)).toBe(false);
  }
});

test("only operators make links; only the maker or an admin revokes one", async ({ api, requestAs, emulatorIssuer }) => {
  const { id } = await failingCredential(api, emulatorIssuer);
  expect((await api.post(`/api/credentials/${id}/token`)).ok()).toBe(true);
  const body = { sourceType: "check", sourceId: id, expiresInHours: 1 };

  const viewer = await requestAs("viewer");
  expect((await viewer.post("/api/share-links", { data: body })).status()).toBe(403);

  const operator = await requestAs("operator");
  const made = await operator.post("/api/share-links", { data: body });
  expect(made.status(), await made.text()).toBe(201);
  const { link } = (await made.json()) as { link: { id: string } };
  const byAdmin = await api.post("/api/share-links", { data: body });
  const { link: adminLink } = (await byAdmin.json()) as { link: { id: string } };

  expect((await operator.delete(`/api/share-links/${adminLink.id}`)).status()).toBe(403);
  expect((await api.delete(`/api/share-links/${link.id}`)).status()).toBe(200);
  expect((await operator.delete(`/api/share-links/${link.id}`)).status()).toBe(409);
});

test("an introspection's report has ZITADEL's answer and the diagnosis, and none of the PAT or the introspection secret", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  await ensureIntrospectionClient(page, emulatorIssuer);
  const pat = demoPats().expired;
  const id = await registerKind(api, { kind: "pat", label: `Shared PAT ${uniqueSuffix()}`, issuer: emulatorIssuer, token: pat });
  await detailPage.goto(id);
  await detailPage.introspect();
  await expect(detailPage.introspection().getByTestId("introspection-active")).toHaveText("Not active");

  const share = page.getByTestId("share-introspection-report");
  await share.getByText("Share report").click();
  const texts: string[] = [];
  for (const name of ["Download Markdown", "Download JSON"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), share.getByRole("button", { name }).click()]);
    texts.push(await readFile((await download.path())!, "utf8"));
  }
  for (const text of texts) {
    expect(text).toContain("token_inactive");
    expect(text).toContain("inactive");
    for (const secret of [pat, INTROSPECTOR.secret]) expect(text.includes(secret)).toBe(false);
  }
  expect(JSON.parse(texts[1]!)).toMatchObject({ introspection: { outcome: "inactive", diagnosis: { code: "token_inactive" } } });
});
