import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// The JSON API as a script uses it (docs/api.md): statuses, error bodies, the Origin rule for writes, versions. Every
// answer is also held to the API reference (GET /api/openapi.json).

test("create, read, patch, replace the secret and delete over the API, with versions", async ({ api, apiReference, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const created = await api.post("/api/credentials", {
    data: {
      label: `API ${suffix}`,
      issuer: `${emulatorIssuer}/`,
      clientId: `api-sa-${suffix}`,
      clientSecret: `api-secret-${suffix}-wxyz`,
      scopes: "openid   profile",
      orgId: "",
      tags: ["Scripted"],
    },
  });
  expect(created.status()).toBe(201);
  await apiReference.expectAnswer("POST", created);
  expect(created.headers()["cache-control"]).toContain("no-store");
  const credential = await created.json();
  expect(credential).toMatchObject({
    issuer: emulatorIssuer,
    scopes: "openid profile",
    orgId: null,
    authMethod: "basic",
    tags: ["scripted"],
    hasSecret: true,
    secretHint: "••••wxyz",
    version: 1,
  });
  expect(credential).not.toHaveProperty("clientSecret");

  const patched = await api.patch(`/api/credentials/${credential.id}`, { data: { label: `API ${suffix} renamed`, version: 1 } });
  expect(patched.status()).toBe(200);
  await apiReference.expectAnswer("PATCH", patched);
  expect(await patched.json()).toMatchObject({ version: 2, label: `API ${suffix} renamed` });

  const stale = await api.patch(`/api/credentials/${credential.id}`, { data: { notes: "lost update", version: 1 } });
  expect(stale.status()).toBe(409);
  await apiReference.expectAnswer("PATCH", stale);
  expect(await stale.json()).toMatchObject({ error: { code: "conflict", hint: expect.any(String) } });

  const replaced = await api.put(`/api/credentials/${credential.id}/secret`, {
    data: { clientSecret: `api-secret-${suffix}-2222`, version: 2 },
  });
  expect(replaced.status()).toBe(200);
  await apiReference.expectAnswer("PUT", replaced);
  expect(await replaced.json()).toMatchObject({ version: 3, secretHint: "••••2222" });

  const read = await api.get(`/api/credentials/${credential.id}`);
  expect(read.status()).toBe(200);
  await apiReference.expectAnswer("GET", read);
  expect((await api.delete(`/api/credentials/${credential.id}`)).status()).toBe(422);
  expect((await api.delete(`/api/credentials/${credential.id}?version=2`)).status()).toBe(409);
  const deleted = await api.delete(`/api/credentials/${credential.id}`, { data: { version: 3 } });
  expect(deleted.status()).toBe(204);
  await apiReference.expectAnswer("DELETE", deleted);
  const gone = await api.get(`/api/credentials/${credential.id}`);
  expect(gone.status()).toBe(404);
  await apiReference.expectAnswer("GET", gone);
});

test("writes need this app's Origin and JSON; bodies are validated field by field", async ({
  request,
  api,
  apiReference,
  emulatorIssuer,
}) => {
  const body = { label: "x", issuer: emulatorIssuer, clientId: `origin-sa-${uniqueSuffix()}`, clientSecret: "s3cret-value" };

  const foreign = await request.post("/api/credentials", { data: body, headers: { Origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  await apiReference.expectAnswer("POST", foreign);
  expect(await foreign.json()).toMatchObject({ error: { code: "bad_origin" } });

  const form = await api.post("/api/credentials", { form: { label: "x" } });
  expect(form.status()).toBe(415);

  const invalid = await api.post("/api/credentials", {
    data: { label: "", issuer: "https://acme.zitadel.cloud/path", clientId: "a", clientSecret: "", orgId: "acme" },
  });
  expect(invalid.status()).toBe(422);
  await apiReference.expectAnswer("POST", invalid);
  const { error } = await invalid.json();
  expect(error.code).toBe("validation_failed");
  expect(Object.keys(error.fields).sort()).toEqual(["clientSecret", "issuer", "label", "orgId"]);

  const refused = await api.post("/api/credentials", { data: { ...body, issuer: "http://10.1.2.3" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.fields.issuer[0]).toContain("http");

  const badId = await api.get("/api/credentials/not-a-uuid");
  expect(badId.status()).toBe(422);
  const badQuery = await api.get("/api/credentials?limit=9999");
  expect(badQuery.status()).toBe(422);
  const badCursor = await api.get("/api/credentials?cursor=bm9wZQ");
  expect(badCursor.status()).toBe(400);
  await apiReference.expectAnswer("GET", badCursor);
});

test("lists page with a cursor; export is an attachment; import caps the CSV at 256 KiB", async ({ api, apiReference, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  for (const n of [1, 2, 3]) {
    const response = await api.post("/api/credentials", {
      data: {
        label: `Page ${suffix} ${n}`,
        issuer: emulatorIssuer,
        clientId: `page-sa-${suffix}-${n}`,
        clientSecret: `page-secret-${suffix}-${n}`,
        tags: [`page-${suffix}`],
      },
    });
    expect(response.status()).toBe(201);
  }
  const firstPage = await api.get(`/api/credentials?tag=page-${suffix}&limit=2`);
  await apiReference.expectAnswer("GET", firstPage);
  const first = await firstPage.json();
  expect(first).toMatchObject({ total: 3, nextCursor: expect.any(String) });
  expect(first.items).toHaveLength(2);
  const second = await (await api.get(`/api/credentials?tag=page-${suffix}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
  expect(second.items).toHaveLength(1);
  expect(second.nextCursor).toBeNull();
  expect(second.items[0].lastTest).toBeNull();

  const csv = await api.get("/api/credentials/export?format=csv");
  expect(csv.status()).toBe(200);
  await apiReference.expectAnswer("GET", csv);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="m2m-credentials-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(await csv.text()).toContain(`page-sa-${suffix}-1`);
  const json = await api.get("/api/credentials/export?format=json");
  expect(json.headers()["content-disposition"]).toContain(".json");
  await apiReference.expectAnswer("GET", json);

  const big = `label,issuer,clientId,clientSecret\n${"x".repeat(260 * 1024)}`;
  const tooLarge = await api.post("/api/credentials/import", { data: { format: "csv", text: big } });
  expect(tooLarge.status()).toBe(413);
  await apiReference.expectAnswer("POST", tooLarge);
  expect(await tooLarge.json()).toMatchObject({ error: { code: "payload_too_large" } });
});

test("a NUL byte in the list's search is refused in words, not a server error", async ({ api }) => {
  for (const path of ["/api/credentials", "/api/credentials/counts", "/api/credentials/export"]) {
    const answer = await api.get(`${path}?search=acme%00`);
    expect(answer.status(), path).toBe(422);
    expect(await answer.json(), path).toMatchObject({
      error: { code: "validation_failed", fields: { search: ["The search must not contain control characters (such as a NUL byte)."] } },
    });
  }
});
