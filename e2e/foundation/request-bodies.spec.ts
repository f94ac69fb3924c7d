import { readFileSync } from "node:fs";
import SECURITY_HEADERS from "../../lib/security-headers.json";
import { expect, test } from "../fixtures";
import { sendRaw, statusOrReset } from "../support/raw-http";
import { storageStatePath } from "../support/sign-in";

// Bodies an attacker sends: refused at once by a length over the cap, cut off at the cap when chunked, answered when
// they never end, and never read at all without a session. And every answer, refusals included, carries the same
// security headers.

const JSON_POST = { method: "POST", path: "/api/credentials" } as const;
const MIB = 1024 * 1024;

/** The signed-in admin's cookies as a Cookie header, for requests Playwright's client cannot send. */
function adminCookie(): string {
  const state = JSON.parse(readFileSync(storageStatePath("admin"), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
}

test.describe("request bodies", () => {
  test("a Content-Length of 100 MB is refused with 413 at once, before a byte of the body is sent", async ({ appOrigin }) => {
    const answer = await sendRaw(appOrigin, {
      ...JSON_POST,
      headers: { "Content-Type": "application/json", "Content-Length": String(100 * MIB) },
      end: false,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  test("a chunked body is cut off at 1 MiB as it arrives: 413 or a closed connection, never a read of all of it", async ({ appOrigin }) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const outcome = await statusOrReset(appOrigin, {
      ...JSON_POST,
      // Signed in, from the app's origin: without a session the answer is a 401 before any of the body is read.
      headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked", Cookie: adminCookie(), Origin: appOrigin },
      chunks: Array.from({ length: 64 }, () => chunk), // 4 MiB
    });
    expect([413, "ECONNRESET", "EPIPE"]).toContain(outcome);
  });

  test("a body that never ends is answered 408, on a page as on the API", async ({ appOrigin }) => {
    for (const path of ["/api/credentials", "/credentials"]) {
      const answer = await sendRaw(appOrigin, {
        method: "POST",
        path,
        headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked", Cookie: adminCookie(), Origin: appOrigin },
        chunks: [Buffer.from("{")],
        end: false,
      });
      expect(answer.status, path).toBe(408);
      expect(JSON.parse(answer.body), path).toMatchObject({ error: { code: "request_timeout" } });
    }
  });

  test("without a session a write is refused with 401 before its body is read: the body need never arrive", async ({ appOrigin }) => {
    const answer = await sendRaw(appOrigin, {
      ...JSON_POST,
      headers: { "Content-Type": "application/json", "Content-Length": String(512 * 1024), Origin: appOrigin },
      chunks: [Buffer.from('{"label":')],
      end: false,
    });
    // Were the body waited for, the answer would be the 408 of a body that did not arrive in time.
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "unauthorized" } });
  });
});

test("405s, the body refusals and the HTML 404 of an unknown API path carry the same security headers as every answer", async ({
  appOrigin,
}) => {
  const answers = {
    "TRACE /api/health": await sendRaw(appOrigin, { method: "TRACE", path: "/api/health" }),
    "PROPFIND /credentials": await sendRaw(appOrigin, { method: "PROPFIND", path: "/credentials" }),
    "POST 100 MB": await sendRaw(appOrigin, { ...JSON_POST, headers: { "Content-Length": String(100 * MIB) }, end: false }),
    "GET /api/no-such-route": await sendRaw(appOrigin, { path: "/api/no-such-route" }),
    "GET /api/health": await sendRaw(appOrigin, { path: "/api/health" }),
  };
  expect(answers["TRACE /api/health"].status).toBe(405);
  expect(answers["PROPFIND /credentials"].status).toBe(405);
  expect(answers["GET /api/no-such-route"].status).toBe(404);
  for (const [name, answer] of Object.entries(answers)) {
    for (const { key, value } of SECURITY_HEADERS.everyAnswer) expect(answer.headers[key.toLowerCase()], `${name}: ${key}`).toBe(value);
    expect(answer.headers["content-security-policy"], name).toBe(SECURITY_HEADERS.apiPolicy);
    expect(answer.headers["cache-control"], name).toContain("no-store");
  }
});
