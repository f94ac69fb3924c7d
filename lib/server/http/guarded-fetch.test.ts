import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIssuerUrl } from "./address-policy";
import { createGuardedConnector, closeAgents } from "./agents";
import { createCapturingFetch } from "./fetch-adapter";
import { guardedFetch } from "./guarded-fetch";
import { OutboundError, type OutboundErrorKind } from "./outbound-error";
import { closedPort, setTestEnv, startTestServer, type TestServer } from "./testing";

let listed: TestServer; // its origin is in ALLOWED_ISSUERS
let unlisted: TestServer; // a loopback server nobody allowed
let redirectTarget: TestServer;
let silent: TestServer;
let refusedOrigin: string;

beforeAll(async () => {
  redirectTarget = await startTestServer((_req, res) => res.end("you followed a redirect"));
  listed = await startTestServer((req, res) => {
    if (req.url === "/redirect") {
      res.writeHead(302, { location: `${redirectTarget.origin}/secret` }).end();
    } else if (req.url === "/redirect-post") {
      res.writeHead(307, { location: `${redirectTarget.origin}/token` }).end();
    } else if (req.url === "/huge-chunked") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(16 * 1024);
      for (let i = 0; i < 20; i += 1) res.write(chunk); // 320 KiB, no Content-Length
      res.end();
    } else if (req.url === "/close-before-headers") {
      req.socket.destroy();
    } else if (req.url === "/reset-before-headers") {
      req.socket.resetAndDestroy();
    } else if (req.url === "/close-mid-body" || req.url === "/reset-mid-body") {
      res.writeHead(200, { "content-type": "application/json", "content-length": "4096" });
      res.write('{"access_token":"');
      setTimeout(() => (req.url === "/reset-mid-body" ? req.socket.resetAndDestroy() : req.socket.destroy()), 20);
    } else if (req.url === "/huge-declared") {
      res.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
      res.write("{");
    } else {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end('{"ok":true}');
    }
  });
  unlisted = await startTestServer((_req, res) => res.end("reached"));
  silent = await startTestServer(() => undefined); // accepts, never answers
  refusedOrigin = `http://127.0.0.1:${await closedPort()}`;
  setTestEnv({
    ALLOWED_ISSUERS: [listed.origin, redirectTarget.origin, silent.origin, refusedOrigin].join(","),
    UPSTREAM_TIMEOUT_MS: "700",
  });
});

afterAll(async () => {
  await closeAgents();
  await Promise.all([listed, unlisted, redirectTarget, silent].map((server) => server.close()));
});

async function failureOf(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

async function expectKind(promise: Promise<unknown>, kind: OutboundErrorKind): Promise<OutboundError> {
  const error = await failureOf(promise);
  expect(error.kind).toBe(kind);
  return error;
}

describe("guardedFetch: which hosts it reaches", () => {
  it("reaches a loopback issuer whose origin is allow-listed, and reports the address it connected to", async () => {
    const result = await guardedFetch(`${listed.origin}/ok`);
    expect(result.status).toBe(200);
    expect(result.contentType).toBe("application/json");
    expect(JSON.parse(result.bodyText)).toEqual({ ok: true });
    expect(result.remoteAddress).toBe("127.0.0.1");
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses a loopback server whose origin is not listed, before it sees a connection", async () => {
    await expectKind(guardedFetch(`${unlisted.origin}/`), "blocked_address");
    await expectKind(guardedFetch(`http://localhost:${unlisted.port}/`), "blocked_address");
    await expectKind(guardedFetch(`${listed.origin.replace("127.0.0.1", "localhost")}/`), "blocked_address");
    expect(unlisted.connections).toBe(0);
  });

  const spellings = [
    "http://127.0.0.1",
    "http://localhost",
    "http://[::1]",
    "http://[::ffff:127.0.0.1]",
    "http://0x7f.1",
    "http://2130706433",
    "http://169.254.169.254/latest/meta-data/",
    "https://127.0.0.1",
    "https://localhost",
    "https://localhost./",
    "https://[::1]",
    "https://[::ffff:127.0.0.1]",
    "https://[::ffff:169.254.169.254]",
    "https://0x7f.1",
    "https://2130706433",
    "https://017700000001",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1",
    "https://[fd00::1]",
    "https://[64:ff9b::7f00:1]",
    "https://[::7f00:1]",
    "https://[::a9fe:a9fe]",
  ];
  it.each(spellings)("refuses %s as a blocked address", async (url) => {
    await expectKind(guardedFetch(url), "blocked_address");
  });

  it("refuses a socket that connected to loopback even when the name check is bypassed (post-connect check)", async () => {
    const connector = createGuardedConnector({ allowPrivate: false, connectTimeoutMs: 1000, preflight: false });
    const before = unlisted.connections;
    const error = await new Promise<Error | null>((resolve) => {
      connector({ hostname: "127.0.0.1", protocol: "http:", port: String(unlisted.port) }, (...result) => {
        result[1]?.destroy();
        resolve(result[0]);
      });
    });
    expect(error?.name).toBe("BlockedAddressError");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unlisted.requests).toHaveLength(0);
    expect(unlisted.connections).toBe(before + 1); // it connected, was checked, and was dropped before any byte was sent
  });
});

describe("guardedFetch: what it does with answers", () => {
  it("does not follow a 302; the redirect target never sees a request", async () => {
    const error = await expectKind(guardedFetch(`${listed.origin}/redirect`), "redirect");
    expect(error.status).toBe(302);
    expect(error.location).toBe(redirectTarget.origin);
    expect(redirectTarget.requests).toHaveLength(0);
  });

  it("does not resend a POST body on a 307", async () => {
    const body = new URLSearchParams({ client_secret: "s3cret" });
    await expectKind(guardedFetch(`${listed.origin}/redirect-post`, { method: "POST", body }), "redirect");
    expect(redirectTarget.requests).toHaveLength(0);
  });

  it("stops reading a body over 256 KiB that has no Content-Length", async () => {
    await expectKind(guardedFetch(`${listed.origin}/huge-chunked`), "too_large");
  });

  it("refuses a body whose Content-Length is over the cap without waiting for it", async () => {
    await expectKind(guardedFetch(`${listed.origin}/huge-declared`), "too_large");
  });

  it("gives up on a server that never answers, at the UPSTREAM_TIMEOUT_MS deadline", async () => {
    const started = Date.now();
    await expectKind(guardedFetch(`${silent.origin}/`), "timeout");
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(3000);
  });

  it("reports a cancelled call as aborted, not as a timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expectKind(guardedFetch(`${silent.origin}/`, { signal: controller.signal, timeoutMs: 5000 }), "aborted");
  });

  it("names a connection closed or reset before the status line apart from one cut off mid-body", async () => {
    await expectKind(guardedFetch(`${listed.origin}/close-before-headers`), "closed_before_answer");
    await expectKind(guardedFetch(`${listed.origin}/reset-before-headers`), "closed_before_answer");
    await expectKind(guardedFetch(`${listed.origin}/close-mid-body`), "answer_interrupted");
    await expectKind(guardedFetch(`${listed.origin}/reset-mid-body`), "answer_interrupted");
  });

  it("reports ECONNREFUSED as refused", async () => {
    const error = await expectKind(guardedFetch(`${refusedOrigin}/`), "refused");
    expect(error.code).toBe("ECONNREFUSED");
  });

  it("reports a host that does not exist as dns", async () => {
    await expectKind(guardedFetch("https://no-such-issuer.invalid/.well-known/openid-configuration"), "dns");
  });

  it("adapts to a Response for oauth4webapi and captures what was sent", async () => {
    const capture = createCapturingFetch();
    const response = await capture.fetch(`${listed.origin}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(capture.last()?.request.body).toBe("grant_type=client_credentials");
    expect(listed.requests.at(-1)?.body).toBe("grant_type=client_credentials");
  });
});

describe("checkIssuerUrl", () => {
  it("accepts an https origin and normalizes it (trailing slash, case, punycode)", () => {
    expect(checkIssuerUrl(" https://ACME.zitadel.cloud/ ")).toEqual({ ok: true, origin: "https://acme.zitadel.cloud" });
    expect(checkIssuerUrl("https://bücher.example")).toEqual({ ok: true, origin: "https://xn--bcher-kva.example" });
  });

  it("accepts a listed http origin", () => {
    expect(checkIssuerUrl(listed.origin)).toEqual({ ok: true, origin: listed.origin });
  });

  it.each([
    ["https://user:pass@acme.zitadel.cloud", /user name or password/],
    ["https://acme.zitadel.cloud/?x=1", /query/],
    ["https://acme.zitadel.cloud/?", /query/],
    ["https://acme.zitadel.cloud/#frag", /fragment/],
    ["https://acme.zitadel.cloud/oauth/v2", /without a path/],
    ["http://acme.zitadel.cloud", /Plain http/],
    ["https://acme.zitadel.cloud:8443", /Port 8443/],
    ["ftp://acme.zitadel.cloud", /https/],
    ["https://127.0.0.1", /private, loopback or reserved/],
    ["https://0x7f.1", /private, loopback or reserved/],
    ["https://localhost", /local address/],
    [`https://${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(10)}.example`, /253/],
    ["not a url", /Enter the issuer/],
  ])("refuses %s", (input, reason) => {
    const result = checkIssuerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
