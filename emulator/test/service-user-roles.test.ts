import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, basic, decodeJwtPart, postForm, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// Service users with a role on the console's project (scripts calling the console): the role reaches the console in
// the JWT access token (per-project claim only: no app requested it) and in the console's introspection answer.

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const CONSOLE_PROJECT = "500000000000000001";
const CONSOLE_AUD = `urn:zitadel:iam:org:project:id:${CONSOLE_PROJECT}:aud`;
const ROLES_SCOPE = "urn:zitadel:iam:org:projects:roles";
const PROJECT_ROLES = `urn:zitadel:iam:org:project:${CONSOLE_PROJECT}:roles`;
const GENERIC_ROLES = "urn:zitadel:iam:org:project:roles";
const acmeGrant = (role: string) => ({ [role]: { "200000000000000001": "acme.localhost" } });

const viewer = { id: "console-ci-viewer", secret: "CiViewerDemoSecretConsole2026xx17" };
const operator = { id: "console-ci-operator", secret: "CiOperatorDemoSecretConsole2026x16" };
const consoleBasic = basic("m2m-console", "m2m-console-demo-secret");

async function introspect(url: string, token: string): Promise<Record<string, unknown>> {
  const answer = await postForm(`${url}/oauth/v2/introspect`, { token }, { authorization: consoleBasic });
  expect(answer.status).toBe(200);
  return JSON.parse(answer.text) as Record<string, unknown>;
}

describe("service users with a console role", () => {
  it("carry the per-project role claim in a JWT access token asked for with the roles scope and the project audience", async () => {
    const token = await accessToken(emulator.url, viewer, `openid ${ROLES_SCOPE} ${CONSOLE_AUD}`);
    const claims = decodeJwtPart(token, 1);
    expect(claims).toMatchObject({ aud: [CONSOLE_PROJECT], client_id: "console-ci-viewer", [PROJECT_ROLES]: acmeGrant("viewer") });
    expect(claims).not.toHaveProperty(GENERIC_ROLES);
    const withoutScope = decodeJwtPart(await accessToken(emulator.url, viewer, `openid ${CONSOLE_AUD}`), 1);
    expect(withoutScope).not.toHaveProperty(PROJECT_ROLES);
  });

  it("are introspected by the console's app with their roles for its project", async () => {
    const token = await accessToken(emulator.url, operator, `openid profile ${CONSOLE_AUD}`);
    expect(await introspect(emulator.url, token)).toMatchObject({
      active: true,
      aud: [CONSOLE_PROJECT],
      username: "console-ci-operator",
      [GENERIC_ROLES]: acmeGrant("operator"),
      [PROJECT_ROLES]: acmeGrant("operator"),
    });
  });

  it("give nothing to a user without a grant, and nothing to a token of another project's audience", async () => {
    const reporter = { id: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" };
    const answer = await introspect(emulator.url, await accessToken(emulator.url, reporter, `openid ${CONSOLE_AUD}`));
    expect(answer).toMatchObject({ active: true });
    expect(answer).not.toHaveProperty(GENERIC_ROLES);
    const foreign = await accessToken(emulator.url, operator, "openid urn:zitadel:iam:org:project:id:500000000000000002:aud");
    expect(await introspect(emulator.url, foreign)).toEqual({ active: false });
  });
});
