import { emulatorStats, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { CredentialDetailPage } from "../pages/credential-detail-page";

// Abuse limits over HTTP, on a credential only this spec uses: past the per-credential limit the API answers 429 with
// Retry-After and the error body, ZITADEL hears no more than the limit, other credentials are unaffected, the
// refusal is in the audit log, and the detail page says how long to wait.

const ORIGIN = { Origin: process.env.E2E_APP_ORIGIN ?? "http://localhost:3100" };
const LIMIT = Number(process.env.E2E_TESTS_PER_CREDENTIAL_PER_MINUTE ?? 20);
const OVER = 5;

test("tests past a credential's limit: 429 with Retry-After, no more calls to ZITADEL, audited, shown with the wait", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  const clientId = `limits-${Date.now().toString(36)}`;
  const register = (suffix: string) =>
    registerCredential(api, {
      label: `Limits ${suffix}`,
      issuer: emulatorIssuer,
      clientId: `${clientId}-${suffix}`,
      clientSecret: "NotARealSecretForAnyUser000000",
    });
  const id = await register("busy");
  const tokenCalls = async () => (await emulatorStats(page.request, emulatorIssuer)).token.byClient[`${clientId}-busy`] ?? 0;

  const responses = await Promise.all(
    Array.from({ length: LIMIT + OVER }, () => page.request.post(`/api/credentials/${id}/token`, { headers: ORIGIN })),
  );
  const statuses = responses.map((response) => response.status());
  expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
  expect(statuses.filter((status) => status === 429)).toHaveLength(OVER);
  const reachedZitadel = await tokenCalls();
  expect(reachedZitadel).toBeGreaterThan(0);
  expect(reachedZitadel).toBeLessThanOrEqual(LIMIT);

  const refused = responses.find((response) => response.status() === 429)!;
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.headers()["cache-control"]).toContain("no-store");
  expect(await refused.json()).toEqual({
    error: {
      code: "rate_limited",
      message: "Too many token tests and org lookups for this credential in the last minute.",
      hint: `Try again in ${retryAfter} s.`,
      retryAfterSeconds: retryAfter,
      requestId: expect.any(String),
    },
  });

  // Org lookups share the budget; a refused one does not reach ZITADEL either.
  const lookup = await api.post(`/api/credentials/${id}/org`);
  expect(lookup.status()).toBe(429);
  expect(Number(lookup.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await tokenCalls()).toBe(reachedZitadel);

  const other = await register("calm");
  expect(
    (await page.request.post(`/api/credentials/${other}/token`, { headers: ORIGIN })).status(),
    "another credential is not limited",
  ).toBe(200);

  const audit = await (await page.request.get(`/api/audit?credentialId=${id}&action=access.rate_limited`)).json();
  expect(audit.items).toHaveLength(OVER + 1);
  expect(audit.items[0]).toMatchObject({ outcome: "denied", httpStatus: 429, detail: { limit: "tests_per_credential" } });

  // The detail page looks the organization up on its own; refused, it says when to try again.
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await expect(detail.orgPanel.getByText(/^Try again in \d+ s\.$/)).toBeVisible();
});
