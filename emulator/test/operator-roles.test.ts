import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, CONSOLE, CONSOLE_ROLES_CLAIM, ROLES_CLAIM, ROLES_SCOPE, signIn, userinfo } from "./operator-flow";
import { decodeJwtPart, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// Project-role claims by ZITADEL's rules: the project's "assert roles on authentication", the app's "roles inside
// ID token", and the roles scope, which only counts together with a project audience scope.

const ACME = { "200000000000000001": "acme.localhost" };
const CONSOLE_AUD = `urn:zitadel:iam:org:project:id:${CONSOLE.projectId}:aud`;

let asserting: RunningEmulator;
let scoped: RunningEmulator;

beforeAll(async () => {
  asserting = await startTestEmulator();
  scoped = await startTestEmulator((seed) => {
    const app = seed.apps.find((a) => a.clientId === CONSOLE.id)!;
    Object.assign(app, { assertRolesOnAuthentication: false, idTokenRoleAssertion: false });
  });
});
afterAll(async () => {
  await asserting.close();
  await scoped.close();
});

/** Only the project-role claims, by name. */
function roleClaims(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => name.startsWith("urn:zitadel:iam:org:project")));
}

async function claimsOf(emulator: RunningEmulator, loginName: string, scope: string) {
  const tokens = await signIn(new Browser(emulator.url), emulator.url, loginName, { scope });
  return {
    idToken: roleClaims(decodeJwtPart(tokens.id_token, 1)),
    userinfo: roleClaims(await userinfo(emulator.url, tokens.access_token)),
  };
}

describe("role claims of a project that asserts roles on authentication (the demo seed)", () => {
  it("puts them in userinfo and the id_token without the roles scope", async () => {
    const { idToken, userinfo: info } = await claimsOf(asserting, "oscar", "openid profile email");
    const expected = { [ROLES_CLAIM]: { operator: ACME }, [CONSOLE_ROLES_CLAIM]: { operator: ACME } };
    expect(info).toEqual(expected);
    expect(idToken).toEqual(expected);
  });
});

describe("role claims of a project that does not assert roles", () => {
  it("leaves them out when the roles scope is not asked", async () => {
    const { idToken, userinfo: info } = await claimsOf(scoped, "vera", `openid profile email ${CONSOLE_AUD}`);
    expect(info).toEqual({});
    expect(idToken).toEqual({});
  });

  it("puts them in userinfo when the roles scope is asked with the project's audience scope", async () => {
    const { idToken, userinfo: info } = await claimsOf(scoped, "vera", `openid profile email ${ROLES_SCOPE} ${CONSOLE_AUD}`);
    expect(info).toEqual({ [ROLES_CLAIM]: { viewer: ACME }, [CONSOLE_ROLES_CLAIM]: { viewer: ACME } });
    // The app does not ask for roles inside the id_token.
    expect(idToken).toEqual({});
  });

  it("adds the app's own project once any audience scope is there, even ZITADEL's", async () => {
    const { userinfo: info } = await claimsOf(scoped, "ada", `openid ${ROLES_SCOPE} urn:zitadel:iam:org:project:id:zitadel:aud`);
    expect(info).toEqual({ [ROLES_CLAIM]: { admin: ACME }, [CONSOLE_ROLES_CLAIM]: { admin: ACME } });
  });

  it("asserts nothing for the roles scope alone, without an audience scope", async () => {
    const { userinfo: info } = await claimsOf(scoped, "ada", `openid profile email ${ROLES_SCOPE}`);
    expect(info).toEqual({});
  });

  it("gives an operator without a role no claim even when roles are asked", async () => {
    const { idToken, userinfo: info } = await claimsOf(scoped, "nora", `openid profile email ${ROLES_SCOPE} ${CONSOLE_AUD}`);
    expect(info).toEqual({});
    expect(idToken).toEqual({});
  });
});
