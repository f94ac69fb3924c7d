import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_OPERATORS, signInThroughZitadel } from "../support/sign-in";

// Revocation that revokes: disabling an operator ends every session of theirs at once, and enabling them again revives
// none (copied cookies included); an admin lists and ends an operator's sessions; an open run event stream closes when
// its viewer's session ends. Vera's sessions are ended here, so this runs in the "role changes" project, after every
// spec that uses the saved sessions.

test.describe.configure({ mode: "serial" });

interface Operator {
  id: string;
  login: string | null;
  version: number;
  liveSessions: number;
}

async function vera(admin: APIRequestContext): Promise<Operator> {
  const { items } = (await (await admin.get("/api/operators")).json()) as { items: Operator[] };
  const found = items.find((item) => item.login === DEMO_OPERATORS.viewer.loginName);
  if (!found) throw new Error("vera has not signed in");
  return found;
}

/** Signs Vera in through ZITADEL in a browser of her own: a new session, and the cookie header that carries it. */
async function signInVera(browser: Browser, appOrigin: string): Promise<string> {
  const context = await browser.newContext({ baseURL: appOrigin, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughZitadel(page, DEMO_OPERATORS.viewer);
  const cookies = await context.cookies();
  await context.close();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

async function meStatus(appOrigin: string, cookie: string): Promise<number> {
  return (await fetch(`${appOrigin}/api/me`, { headers: { Cookie: cookie } })).status;
}

test("disabling ends all of an operator's sessions at once; enabling again revives no old or copied cookie", async ({
  browser,
  requestAs,
  appOrigin,
}) => {
  const admin = await requestAs("admin");
  const first = await signInVera(browser, appOrigin);
  const second = await signInVera(browser, appOrigin);
  const copied = first; // the same cookie, replayed from elsewhere
  for (const cookie of [first, second, copied]) expect(await meStatus(appOrigin, cookie)).toBe(200);

  const before = await vera(admin);
  const listed = (await (await admin.get(`/api/operators/${before.id}/sessions`)).json()) as { items: { id: string }[] };
  expect(listed.items.length).toBeGreaterThanOrEqual(2);
  expect(before.liveSessions).toBe(listed.items.length);

  const disabled = await admin.patch(`/api/operators/${before.id}`, { data: { version: before.version, isDisabled: true } });
  expect(disabled.status()).toBe(200);
  expect(await disabled.json()).toMatchObject({ isDisabled: true, liveSessions: 0 });
  for (const cookie of [first, second, copied]) expect(await meStatus(appOrigin, cookie)).toBe(401);

  const { version } = await vera(admin);
  expect((await admin.patch(`/api/operators/${before.id}`, { data: { version, isDisabled: false } })).status()).toBe(200);
  for (const cookie of [first, second, copied]) expect(await meStatus(appOrigin, cookie)).toBe(401);
  expect(((await (await admin.get(`/api/operators/${before.id}/sessions`)).json()) as { items: unknown[] }).items).toEqual([]);
});

test("an admin sees an operator's open sessions on the Operators page and ends them", async ({ browser, pageAs, appOrigin }) => {
  const cookie = await signInVera(browser, appOrigin);
  expect(await meStatus(appOrigin, cookie)).toBe(200);

  const page = await pageAs("admin");
  await page.goto("/operators");
  const row = page.locator(`[data-testid="operator-row"][data-login="${DEMO_OPERATORS.viewer.loginName}"]`);
  await expect(row.getByTestId("operator-sessions")).toContainText("1 open");
  await row.getByRole("button", { name: `End ${DEMO_OPERATORS.viewer.name}'s sessions` }).click();
  await expect(row.getByTestId("operator-sessions")).toContainText("0 open");
  expect(await meStatus(appOrigin, cookie)).toBe(401);

  const audit = (await (await page.request.get("/api/audit?action=operator.sessions_end")).json()) as {
    items: { detail: Record<string, unknown> | null }[];
  };
  expect(audit.items[0]?.detail).toMatchObject({ ended: 1 });
});

test("an open run event stream closes once its viewer's session has ended", async ({
  browser,
  api,
  requestAs,
  appOrigin,
  emulatorIssuer,
}) => {
  test.setTimeout(90_000);
  const admin = await requestAs("admin");
  const tag = `stream${randomBytes(3).toString("hex")}`;
  // The emulator holds these clients' token requests: the run is still going while the test acts on it.
  const gate = `${emulatorIssuer}/__emulator/gates/${encodeURIComponent(`${tag}-`)}`;
  expect((await fetch(gate, { method: "POST" })).ok).toBe(true);
  let runId: string | undefined;
  try {
    const rows = Array.from({ length: 40 }, (_, i) => `Stream ${tag} ${i},${emulatorIssuer},${tag}-${i},wrong-secret-${i},,,post,${tag}`);
    const imported = await api.post("/api/credentials/import", {
      data: { format: "csv", text: ["label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags", ...rows].join("\n") },
    });
    expect(imported.ok(), await imported.text()).toBe(true);
    const started = await api.post("/api/runs", { data: { scope: { kind: "filter", filter: { tag } } } });
    expect(started.status(), await started.text()).toBe(201);
    runId = ((await started.json()) as { id: string }).id;

    const cookie = await signInVera(browser, appOrigin);
    const stream = await fetch(`${appOrigin}/api/runs/${runId}/events`, { headers: { Cookie: cookie, Accept: "text/event-stream" } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while (!seen.includes("event: progress")) seen += decoder.decode((await reader.read()).value ?? new Uint8Array());

    const { id } = await vera(admin);
    const ended = await admin.delete(`/api/operators/${id}/sessions`);
    expect(await ended.json()).toMatchObject({ ended: 1 });

    // The stream ends on its own although the run goes on; no `end` event, which would mean the run finished.
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).not.toContain("event: end");
    expect(((await (await admin.get(`/api/runs/${runId}`)).json()) as { run: { state: string } }).run.state).toBe("running");
  } finally {
    if (runId) await api.post(`/api/runs/${runId}/cancel`);
    await fetch(gate, { method: "DELETE" });
  }
});
