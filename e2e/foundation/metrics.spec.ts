import { randomUUID } from "node:crypto";
import { registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// What a Prometheus scraper sees: nothing without the token, and every token test counted by outcome and diagnosis,
// with no client ID, credential or operator among the labels.

const token = () => process.env.E2E_METRICS_TOKEN ?? "";

test("the metrics need the token, and count a failed token test under its diagnosis", async ({
  api,
  playwright,
  appOrigin,
  emulatorIssuer,
}) => {
  const scraper = await playwright.request.newContext({ baseURL: appOrigin, storageState: { cookies: [], origins: [] } });
  try {
    expect((await scraper.get("/api/metrics")).status()).toBe(401);
    expect((await scraper.get("/api/metrics", { headers: { authorization: "Bearer not-the-token" } })).status()).toBe(401);

    const count = async () => {
      const response = await scraper.get("/api/metrics", { headers: { authorization: `Bearer ${token()}` } });
      expect(response.status()).toBe(200);
      const body = await response.text();
      const line = body
        .split("\n")
        .find((text) => text.startsWith('m2m_console_runs_total{kind="token",outcome="failed",diagnosis="client_not_found"}'));
      return { body, failed: line ? Number(line.split(" ").at(-1)) : 0 };
    };
    const before = await count();
    // A user ZITADEL does not know, so no other spec's credential is touched.
    const clientId = `metrics-probe-${randomUUID()}`;
    const id = await registerCredential(api, { label: "Metrics probe", issuer: emulatorIssuer, clientId, clientSecret: "any-secret" });
    const tested = await api.post(`/api/credentials/${id}/token`);
    expect((await tested.json()).diagnosis.code).toBe("client_not_found");
    const after = await count();
    expect(after.failed).toBe(before.failed + 1);
    expect(after.body).toContain(`m2m_console_upstream_seconds_count{kind="token",issuer="${emulatorIssuer}"}`);
    expect(after.body).not.toContain(clientId);
    expect(after.body).not.toContain(id);
  } finally {
    await scraper.dispose();
  }
});
