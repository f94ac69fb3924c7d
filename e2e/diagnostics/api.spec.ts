import { expect, test } from "../fixtures";
import { registerCredential } from "./demo-credentials";

// The diagnostics API's own answers: a failed test is still a 200 with the outcome in the body; the console's
// errors (origin, validation, nothing to reveal, no such credential) are HTTP errors, all no-store, and all as the
// API reference (GET /api/openapi.json) declares them.

const MISSING = "/api/credentials/00000000-0000-4000-8000-000000000000";

test("token, reveal, tests and org routes: outcomes in the body, the console's errors as statuses", async ({
  api,
  apiReference,
  request,
  emulatorIssuer,
}) => {
  const clientId = `api-check-${Date.now().toString(36)}`;
  const id = await registerCredential(api, {
    label: "API check",
    issuer: emulatorIssuer,
    clientId,
    clientSecret: "NotARealSecretForAnyUser000000",
  });
  const base = `/api/credentials/${id}`;

  const bare = await api.post(`${base}/token`);
  expect(bare.status()).toBe(200);
  await apiReference.expectAnswer("POST", bare);
  expect(bare.headers()["cache-control"]).toContain("no-store");
  expect(await bare.json()).toMatchObject({ outcome: "failed", diagnosis: { code: "client_not_found" } });

  expect((await request.post(`${base}/token`, { data: {} })).status(), "no Origin").toBe(403);
  expect((await request.post(`${base}/org`)).status(), "an org lookup without Origin").toBe(403);
  expect((await api.post(`${base}/token`, { data: { scopes: "" } })).status()).toBe(422);

  const reveal = await api.post(`${base}/token/reveal`);
  expect(reveal.status()).toBe(404);
  await apiReference.expectAnswer("POST", reveal);
  expect(reveal.headers()["cache-control"]).toContain("no-store");
  expect(await reveal.json()).toMatchObject({ error: { code: "no_token", hint: "Run a token test first." } });

  const history = await api.get(`${base}/tests?limit=5`);
  await apiReference.expectAnswer("GET", history);
  expect((await history.json()).items[0]).toMatchObject({
    kind: "token",
    outcome: "client_not_found",
    operator: "Ada Admin",
    cached: false,
  });
  expect((await api.get(`${base}/tests?limit=0`)).status()).toBe(422);

  // A failed exchange leaves no token behind: the console holds none.
  const held = await api.get(`${base}/token`);
  expect(held.status()).toBe(200);
  await apiReference.expectAnswer("GET", held);
  expect(await held.json()).toEqual({ heldToken: null });

  const lookup = await api.post(`${base}/org`);
  expect(lookup.status()).toBe(200);
  await apiReference.expectAnswer("POST", lookup);

  for (const path of [`${MISSING}/tests`, `${MISSING}/token`]) expect((await api.get(path)).status(), path).toBe(404);
  for (const path of [`${MISSING}/org`, `${MISSING}/token`, `${MISSING}/token/reveal`])
    expect((await api.post(path)).status(), path).toBe(404);
});
