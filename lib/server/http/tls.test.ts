import { mkdtempSync, rmSync } from "node:fs";
import type http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAgents, issuerCaList } from "./agents";
import { guardedFetch } from "./guarded-fetch";
import { OutboundError } from "./outbound-error";
import { selfSignedCertificate, setTestEnv, startTestServer, type TestServer } from "./testing";

// An issuer's certificate is checked on every connection: a secret sent to the wrong server cannot be taken back.

const dir = mkdtempSync(join(tmpdir(), "m2m-tls-"));
const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
let privateCa: TestServer; // self-signed, listed in ISSUER_CA_FILE
let selfSigned: TestServer; // self-signed, trusted by nobody

beforeAll(async () => {
  const answer = (_req: http.IncomingMessage, res: http.ServerResponse) =>
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  const trusted = selfSignedCertificate(dir, "private-ca-issuer");
  const impostor = selfSignedCertificate(dir, "impostor");
  privateCa = await startTestServer(answer, "127.0.0.1", { key: trusted.key, cert: trusted.cert });
  selfSigned = await startTestServer(answer, "127.0.0.1", { key: impostor.key, cert: impostor.cert });
  setTestEnv({ ALLOWED_ISSUERS: `${privateCa.origin},${selfSigned.origin}`, ISSUER_CA_FILE: trusted.certPath });
});

afterAll(async () => {
  if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  await closeAgents();
  await Promise.all([privateCa, selfSigned].map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("issuer TLS", () => {
  it("refuses a self-signed certificate even with NODE_TLS_REJECT_UNAUTHORIZED=0, before the secret is sent", async () => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    const error = await guardedFetch(`${selfSigned.origin}/oauth/v2/token`, {
      method: "POST",
      body: "grant_type=client_credentials&client_secret=canary-secret",
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as OutboundError).kind).toBe("tls");
    expect(selfSigned.requests).toHaveLength(0);
  });

  it("accepts an issuer whose certificate is in ISSUER_CA_FILE", async () => {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const result = await guardedFetch(`${privateCa.origin}/.well-known/openid-configuration`);
    expect(result.status).toBe(200);
    expect(privateCa.requests).toHaveLength(1);
  });

  it("trusts the file's CAs in addition to Node's default roots, not instead of them", () => {
    const list = issuerCaList(["-----BEGIN CERTIFICATE-----\nextra\n-----END CERTIFICATE-----"]);
    expect(list).toHaveLength(tls.rootCertificates.length + 1);
    expect(list).toEqual(expect.arrayContaining([...tls.rootCertificates]));
  });
});
