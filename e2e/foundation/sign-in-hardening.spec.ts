import { expect, test } from "../fixtures";

// Sign-in is the door: a hostile callbackUrl must land on the console, not in a 500, and a sign-in that fails at the
// callback (a forged or replayed state) must leave a trace in the audit log, like every refused request.

interface AuditPage {
  items: {
    action: string;
    outcome: string;
    httpStatus: number | null;
    actor: string;
    detail: Record<string, unknown> | null;
    requestId: string | null;
    ip: string | null;
  }[];
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a callbackUrl that is not a URL answers a safe redirect to the console, not a 500", async ({ request, appOrigin }) => {
    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    for (const callbackUrl of ["\t//evil.example", "https://evil.example/steal", "//evil.example"]) {
      const response = await request.post("/api/auth/signin/zitadel", {
        form: { csrfToken: csrf.csrfToken, callbackUrl, json: "true" },
        headers: { Origin: appOrigin },
        maxRedirects: 0,
      });
      expect(response.status(), callbackUrl).toBeLessThan(500);
      const target = response.status() === 200 ? ((await response.json()) as { url: string }).url : (response.headers().location ?? "");
      expect(target, callbackUrl).not.toContain("evil.example");
      const cookie = response.headers()["set-cookie"] ?? "";
      expect(decodeURIComponent(cookie), `${callbackUrl}: the remembered callback`).not.toContain("evil.example");
    }
  });

  test("a callback with a state the console never issued fails and is audited as a failure, from the address it came from", async ({
    request,
    requestAs,
  }) => {
    const before = (await (await (await requestAs("admin")).get("/api/audit?action=login.failure")).json()) as AuditPage;
    const response = await request.get("/api/auth/callback/zitadel?code=forged-code&state=forged-state", { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    // next-auth sends the browser to its error route, which lands on the console's sign-in page with the error.
    expect(response.headers().location).toMatch(/\/(login|api\/auth\/error)\?error=/);
    await expect
      .poll(
        async () => ((await (await (await requestAs("admin")).get("/api/audit?action=login.failure")).json()) as AuditPage).items.length,
      )
      .toBeGreaterThan(before.items.length);
    const after = (await (await (await requestAs("admin")).get("/api/audit?action=login.failure")).json()) as AuditPage;
    const known = new Set(before.items.map((item) => item.requestId));
    const failure = after.items.find((item) => !known.has(item.requestId) && typeof item.detail?.code === "string");
    expect(failure).toMatchObject({ outcome: "failure", ip: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) as unknown });
  });
});

test("refused requests are in the audit log: no session, a foreign Origin, a missing role", async ({
  request,
  requestAs,
  playwright,
  appOrigin,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL: appOrigin, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get("/api/credentials")).status()).toBe(401);
  await anonymous.dispose();
  expect((await request.post("/api/credentials", { data: {}, headers: { Origin: "https://evil.example" } })).status()).toBe(403);
  expect((await (await requestAs("viewer")).post("/api/credentials", { data: {} })).status()).toBe(403);

  // Each refusal is recorded before its answer is sent.
  const admin = await requestAs("admin");
  const denied = (await (await admin.get("/api/audit?action=access.denied&limit=100")).json()) as AuditPage;
  const reasons = denied.items.map((item) => ({ reason: item.detail?.reason, status: item.httpStatus, actor: item.actor }));
  expect(reasons).toContainEqual({ reason: "no_session", status: 401, actor: "anonymous" });
  expect(reasons).toContainEqual(expect.objectContaining({ reason: "bad_origin", status: 403 }));
  expect(reasons).toContainEqual(expect.objectContaining({ reason: "role", status: 403 }));
  expect(denied.items.every((item) => item.requestId)).toBe(true);
});
