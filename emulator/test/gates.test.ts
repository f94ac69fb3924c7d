import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demo, requestToken, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// The /__emulator/gates test hook: a test that needs a run to still be going holds its clients' token requests.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const gate = (prefix: string) => `${emulator.url}/__emulator/gates/${encodeURIComponent(prefix)}`;

describe("gates hook", () => {
  it("holds a closed prefix's token requests until it is opened, and lets others through", async () => {
    expect((await call(gate("acme-rep"), { method: "POST" })).status).toBe(200);
    let answered = false;
    const held = requestToken(emulator.url, demo.reporter, "openid").then((answer) => {
      answered = true;
      return answer;
    });
    const other = await requestToken(emulator.url, demo.billing, "openid");
    expect(other.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    expect(JSON.parse((await call(`${emulator.url}/__emulator/gates`)).text)).toEqual({ closed: ["acme-rep"], waiting: 1 });

    const opened = await call(gate("acme-rep"), { method: "DELETE" });
    expect(JSON.parse(opened.text)).toEqual({ released: 1 });
    expect((await held).status).toBe(200);
    expect((await requestToken(emulator.url, demo.reporter, "openid")).status).toBe(200);
  });

  it("forgets a held request whose client went away", async () => {
    await call(gate("acme-rep"), { method: "POST" });
    const gone = new AbortController();
    const held = fetch(`${emulator.url}/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&scope=openid&client_id=${demo.reporter.id}&client_secret=${demo.reporter.secret}`,
      signal: gone.signal,
    }).catch(() => "aborted");
    await new Promise((resolve) => setTimeout(resolve, 100));
    gone.abort();
    expect(await held).toBe("aborted");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(JSON.parse((await call(`${emulator.url}/__emulator/gates`)).text)).toMatchObject({ waiting: 0 });
    expect(JSON.parse((await call(gate("acme-rep"), { method: "DELETE" })).text)).toEqual({ released: 0 });
  });
});
