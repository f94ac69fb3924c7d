// Scenario 8: what a bearer token costs over the session cookie once its validation is cached: the same read (GET
// /api/me) by ada's cookie, then by a service user's token, each over the same number of runs.
import { expectOk, time, type Summary } from "../measure";
import type { Stack } from "../stack";

export const CONSOLE_PROJECT_ID = "500000000000000001";
const VIEWER = { clientId: "console-ci-viewer", secret: "CiViewerDemoSecretConsole2026xx17" };

export async function bearerVsCookie(stack: Stack, runs: number): Promise<{ bearer: Summary; cookie: Summary; addedMs: number }> {
  const token = await serviceUserToken(stack);
  const me = (headers: Record<string, string>) => async () =>
    (await expectOk(await fetch(`${stack.appOrigin}/api/me`, { headers }), "GET /api/me")).json();
  const cookie = await time(runs, me({ cookie: stack.cookie }));
  // The first call validates the token with ZITADEL (a warm-up call); the measured ones read the cache.
  const bearer = await time(runs, me({ authorization: `Bearer ${token}` }));
  return { bearer, cookie, addedMs: Math.round((bearer.medianMs - cookie.medianMs) * 100) / 100 };
}

async function serviceUserToken(stack: Stack): Promise<string> {
  const scope = `openid profile urn:zitadel:iam:org:projects:roles urn:zitadel:iam:org:project:id:${CONSOLE_PROJECT_ID}:aud`;
  const response = await fetch(`${stack.issuer}/oauth/v2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: VIEWER.clientId, client_secret: VIEWER.secret, scope }),
  });
  return ((await (await expectOk(response, "service user token")).json()) as { access_token: string }).access_token;
}
