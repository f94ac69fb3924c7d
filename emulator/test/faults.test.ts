import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, demo, oauthBody, requestToken, serviceUser, startTestEmulator, ZITADEL_AUD } from "./support";
import type { RunningEmulator } from "../src/server";

// Seeded faults: what a client sees when ZITADEL (or the proxy in front of it) misbehaves.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator((seed) => {
    serviceUser(seed, "acme-slow").faults = { latencyMs: 300 };
    serviceUser(seed, "acme-trickle").faults = { trickleMs: 25, on: ["orgs"] };
    serviceUser(seed, "globex-sync").faults = { status: 503, on: ["token"] };
    serviceUser(seed, "billing+ops@acme").faults = { html: true };
  });
});
afterAll(() => emulator.close());

const orgsMe = (token: string) => fetch(`${emulator.url}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${token}` } });

describe("faults", () => {
  it("answers orgs/me with a gRPC 503 Unavailable for a flaky user, while its token works", async () => {
    const response = await orgsMe(await accessToken(emulator.url, demo.flaky));
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"code":14,"message":"Unavailable"}');
  });

  it("answers orgs/me with an nginx HTML 502 page for the html user", async () => {
    const response = await orgsMe(await accessToken(emulator.url, demo.html));
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toContain("<center><h1>502 Bad Gateway</h1></center>");
  });

  it("applies faults without `on` to the token endpoint too", async () => {
    const answer = await requestToken(emulator.url, demo.billing, "openid");
    expect(answer.status).toBe(502);
    expect(answer.headers.get("content-type")).toBe("text/html");
  });

  it("answers the token endpoint with 503 server_error Errors.Internal", async () => {
    const answer = await requestToken(emulator.url, demo.globex, "openid");
    expect([answer.status, answer.text]).toEqual([503, oauthBody("server_error", "Errors.Internal")]);
  });

  it("delays both endpoints by latencyMs", async () => {
    let started = Date.now();
    const token = await accessToken(emulator.url, demo.slow);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    const response = await orgsMe(token);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("trickles a correct body: headers at once, the rest chunk by chunk", async () => {
    const token = await accessToken(emulator.url, demo.trickle);
    const started = Date.now();
    const response = await orgsMe(token);
    const headersAfter = Date.now() - started;
    const body = await response.text();
    const bodyAfter = Date.now() - started;
    expect(response.status).toBe(200);
    expect(headersAfter).toBeLessThan(200);
    // ~270 bytes in 8-byte chunks, 25 ms apart.
    expect(bodyAfter).toBeGreaterThanOrEqual(600);
    expect(JSON.parse(body)).toMatchObject({ org: { name: "ACME Corporation" } });
  });

  it("hides a fresh secret (Secret.NotExisting) until secretVisibleAfterSeconds have passed", async () => {
    const fresh = await startTestEmulator((seed) => {
      serviceUser(seed, "acme-fresh").faults = { secretVisibleAfterSeconds: 1, on: ["token"] };
    });
    try {
      const early = await requestToken(fresh.url, demo.fresh, ZITADEL_AUD);
      expect([early.status, early.text]).toEqual([400, oauthBody("invalid_request", "Errors.User.Machine.Secret.NotExisting")]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const later = await requestToken(fresh.url, demo.fresh, ZITADEL_AUD);
      expect(later.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe("shutdown with a slow answer pending", () => {
  it("closes at once although the demo's acme-slow would answer after 15 s", async () => {
    const demoEmulator = await startTestEmulator();
    const pending = requestToken(demoEmulator.url, demo.slow, "openid").then(
      () => "answered",
      () => "connection closed",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await demoEmulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe("connection closed");
  });
});
