import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// A lone UTF-16 surrogate cannot be encoded as UTF-8: stored, it would come back (and be sent to ZITADEL) as U+FFFD.
// The API refuses it at the boundary instead, naming the field.

const origin = () => process.env.E2E_APP_ORIGIN ?? "http://localhost:3100";
const BROKEN = "The client secret contains a broken character";

/** The body as raw JSON text, so the escape "\ud800" reaches the server exactly as a script would send it. */
function rawJson(fields: Record<string, string | number>, brokenSecret: string): string {
  return JSON.stringify(fields).replace(/}$/, `,"clientSecret":"${brokenSecret}"}`);
}

test("a client secret with a lone surrogate is refused with 422 naming the field, on create and on replace", async ({
  request,
  emulatorIssuer,
}) => {
  const clientId = `unicode-sa-${uniqueSuffix()}`;
  const headers = { Origin: origin(), "Content-Type": "application/json" };

  const created = await request.post("/api/credentials", {
    headers,
    data: rawJson({ label: "Unicode", issuer: emulatorIssuer, clientId }, "\\ud800abcSecretValue"),
  });
  expect(created.status()).toBe(422);
  const { error } = await created.json();
  expect(error.code).toBe("validation_failed");
  expect(Object.keys(error.fields)).toEqual(["clientSecret"]);
  expect(error.fields.clientSecret[0]).toContain(BROKEN);
  const listed = await request.get(`/api/credentials?search=${clientId}`);
  expect((await listed.json()).total).toBe(0);

  const valid = await request.post("/api/credentials", {
    headers,
    data: { label: "Unicode", issuer: emulatorIssuer, clientId, clientSecret: "s3cret-value-1234" },
  });
  expect(valid.status()).toBe(201);
  const { id } = await valid.json();
  const replaced = await request.put(`/api/credentials/${id}/secret`, { headers, data: rawJson({ version: 1 }, "abcSecretValue\\udfff") });
  expect(replaced.status()).toBe(422);
  expect((await replaced.json()).error.fields.clientSecret[0]).toContain(BROKEN);
  const kept = await request.get(`/api/credentials/${id}`);
  expect(await kept.json()).toMatchObject({ version: 1, secretHint: "••••1234" });

  expect((await request.delete(`/api/credentials/${id}?version=1`, { headers: { Origin: origin() } })).status()).toBe(204);
});
