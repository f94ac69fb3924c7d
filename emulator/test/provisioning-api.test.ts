import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grpcBody, json, management, NO_PERMISSION, ORG_MISSING, TOKEN_INVALID } from "./management-support";
import { Browser, signIn } from "./operator-flow";
import { accessToken, ACME_ID, call, demo, demoSeed, GLOBEX_ID, oauthBody, requestToken, serviceUser, ZITADEL_AUD } from "./support";
import type { RunningEmulator } from "../src/server";
import { startEmulator } from "../src/server";

// The provisioning calls' permissions and refusals, with ZITADEL's ids, on an emulator whose generated secrets work
// at once (EMULATOR_SECRET_PROPAGATION_MS=0). Callers: service-user tokens and operators' sign-in tokens.

let emulator: RunningEmulator;
let base: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: demoSeed(), port: 0, secretPropagationMs: 0 });
  base = emulator.url;
});
afterAll(() => emulator.close());

const GLOBEX_SYNC_ID = serviceUser(demoSeed(), "globex-sync").id;
const RETIRED_ID = serviceUser(demoSeed(), "acme-retired").id;
const NO_ROLE_ID = serviceUser(demoSeed(), "acme-no-role").id;
const ADA_ID = demoSeed().operators.find((operator) => operator.username === "ada")!.id;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
let counter = 0;
const uniqueName = (prefix: string) => `${prefix}-${Date.now()}-${++counter}`;

async function operatorToken(loginName: string, scope = `openid profile ${ZITADEL_AUD}`): Promise<string> {
  return (await signIn(new Browser(base), base, loginName, { scope })).access_token;
}

async function createUser(token: string, orgId?: string): Promise<{ userId: string; userName: string }> {
  const userName = uniqueName("bot");
  const answer = await management(base, "/management/v1/users/machine", { method: "POST", token, orgId, body: { userName, name: "Bot" } });
  expect(answer.status).toBe(200);
  return { userId: (json(answer) as { userId: string }).userId, userName };
}

async function generateSecret(token: string, userId: string, orgId?: string): Promise<string> {
  const answer = await management(base, `/management/v1/users/${userId}/secret`, { method: "PUT", token, orgId, body: {} });
  expect(answer.status).toBe(200);
  return (json(answer) as { clientSecret: string }).clientSecret;
}

describe("permissions", () => {
  it("lets an ORG_USER_MANAGER create users and secrets but not grant roles (403 AUTH-5mWD2)", async () => {
    const token = await accessToken(base, demo.billing);
    const { userId, userName } = await createUser(token);
    const secret = await generateSecret(token, userId);
    expect((await requestToken(base, { id: userName, secret }, "openid")).status).toBe(200);

    const grant = await management(base, "/management/v1/orgs/me/members", {
      method: "POST",
      token,
      body: { userId, roles: ["ORG_OWNER"] },
    });
    expect([grant.status, grant.text]).toEqual([403, NO_PERMISSION]);
    const update = await management(base, `/management/v1/orgs/me/members/${userId}`, {
      method: "PUT",
      token,
      body: { roles: ["ORG_OWNER"] },
    });
    expect([update.status, update.text]).toEqual([403, NO_PERMISSION]);
  });

  it("refuses a caller without a manager role in the org of the request", async () => {
    const noRole = await accessToken(base, demo.noRole);
    const answer = await management(base, "/management/v1/users/machine", {
      method: "POST",
      token: noRole,
      body: { userName: "x", name: "x" },
    });
    expect([answer.status, answer.text]).toEqual([403, NO_PERMISSION]);
    // ORG_OWNER of ACME only: Globex is another org.
    const reporter = await accessToken(base, demo.reporter);
    const elsewhere = await management(base, "/management/v1/users/machine", {
      method: "POST",
      token: reporter,
      orgId: GLOBEX_ID,
      body: { userName: "x", name: "x" },
    });
    expect([elsewhere.status, elsewhere.text]).toEqual([403, NO_PERMISSION]);
  });

  it("refuses an unknown org in x-zitadel-orgid with 403 AUTH-Bs7Ds", async () => {
    const token = await accessToken(base, demo.reporter);
    const answer = await management(base, "/management/v1/users/machine", {
      method: "POST",
      token,
      orgId: "999999999999999999",
      body: { userName: "x", name: "x" },
    });
    expect([answer.status, answer.text]).toEqual([403, ORG_MISSING]);
  });

  it("refuses a missing header (401, no id) and a token without the ZITADEL audience (401 AUTH-7fs1e)", async () => {
    const missing = await management(base, "/management/v1/users/machine", { method: "POST", body: { userName: "x", name: "x" } });
    expect([missing.status, missing.text]).toEqual([401, '{"code":16,"message":"auth header missing"}']);
    expect(missing.headers.get("www-authenticate")).toBe("auth header missing");
    const noAudience = await accessToken(base, demo.reporter, "openid");
    const answer = await management(base, "/management/v1/users/machine", {
      method: "POST",
      token: noAudience,
      body: { userName: "x", name: "x" },
    });
    expect([answer.status, answer.text]).toEqual([401, TOKEN_INVALID]);
  });
});

describe("operator tokens", () => {
  it("let ada (ORG_OWNER of both orgs) create users in either org and read both orgs", async () => {
    const token = await operatorToken("ada");
    const { userId } = await createUser(token, GLOBEX_ID);
    const user = await management(base, `/management/v1/users/${userId}`, { token, orgId: GLOBEX_ID });
    expect(json(user)).toMatchObject({ user: { details: { resourceOwner: GLOBEX_ID } } });

    const orgsMe = await management(base, "/management/v1/orgs/me", { token });
    expect(json(orgsMe)).toMatchObject({ org: { id: ACME_ID } });
    const search = await management(base, "/v2/organizations/_search", { method: "POST", token, body: {} });
    expect(search.status).toBe(200);
    expect(json(search)).toEqual({
      details: { totalResult: "2", processedSequence: "42", timestamp: expect.stringMatching(RFC3339) as unknown },
      result: [
        {
          id: ACME_ID,
          details: {
            sequence: "42",
            changeDate: "2026-01-12T16:40:03.500Z",
            resourceOwner: ACME_ID,
            creationDate: "2025-03-04T09:12:45.318204Z",
          },
          state: "ORGANIZATION_STATE_ACTIVE",
          name: "ACME Corporation",
          primaryDomain: "acme.localhost",
        },
        expect.objectContaining({ id: GLOBEX_ID, name: "Globex Industries" }) as unknown,
      ],
    });
  });

  it("list only the orgs an operator may read, and refuse one without a manager role", async () => {
    const oscar = await operatorToken("oscar");
    const oscarOrgs = json(await management(base, "/v2/organizations/_search", { method: "POST", token: oscar, body: {} }));
    expect(oscarOrgs).toMatchObject({ details: { totalResult: "1" }, result: [{ id: ACME_ID }] });

    const vera = await operatorToken("vera");
    const veraOrgs = await management(base, "/v2/organizations/_search", { method: "POST", token: vera, body: {} });
    expect(veraOrgs.status).toBe(200);
    // No org: no totalResult and no result, but the projection's sequence and time.
    expect(json(veraOrgs)).toEqual({ details: { processedSequence: "42", timestamp: expect.stringMatching(RFC3339) as unknown } });
    const create = await management(base, "/management/v1/users/machine", {
      method: "POST",
      token: vera,
      body: { userName: "x", name: "x" },
    });
    expect([create.status, create.text]).toEqual([403, NO_PERMISSION]);
  });

  it("refuse an operator token requested without the ZITADEL audience scope (401 AUTH-7fs1e)", async () => {
    const token = await operatorToken("ada", "openid profile");
    const answer = await management(base, "/management/v1/users/machine", { method: "POST", token, body: { userName: "x", name: "x" } });
    expect([answer.status, answer.text]).toEqual([401, TOKEN_INVALID]);
    const orgsMe = await management(base, "/management/v1/orgs/me", { token });
    expect([orgsMe.status, orgsMe.text]).toEqual([401, TOKEN_INVALID]);
  });

  it("are listed by the access-token hook while they live, and end with the sign-out", async () => {
    const browser = new Browser(base);
    const { access_token: token, id_token: idToken } = await signIn(browser, base, "ada", { scope: `openid profile ${ZITADEL_AUD}` });
    const listed = async () => (json(await call(`${base}/__emulator/operators/ada/access-tokens`)) as { tokens: string[] }).tokens;
    expect(await listed()).toContain(token);
    expect((await management(base, "/management/v1/orgs/me", { token })).status).toBe(200);

    await browser.request(`${base}/oidc/v1/end_session?${new URLSearchParams({ id_token_hint: idToken })}`);
    const after = await management(base, "/management/v1/orgs/me", { token });
    expect([after.status, after.text]).toEqual([401, TOKEN_INVALID]);
    expect(await listed()).not.toContain(token);
    expect((await call(`${base}/__emulator/operators/acme-reporter/access-tokens`)).status).toBe(404);
    // The user hook describes service users only.
    expect((await call(`${base}/__emulator/users/ada`)).status).toBe(404);
  });
});

describe("users", () => {
  it("refuses a taken username with 409 code 6, humans and other case included", async () => {
    const token = await accessToken(base, demo.reporter);
    for (const userName of ["acme-reporter", "ACME-Reporter", "ada"]) {
      const answer = await management(base, "/management/v1/users/machine", { method: "POST", token, body: { userName, name: "Dup" } });
      expect([answer.status, answer.text]).toEqual([409, grpcBody(6, "V3-DKcYh", "User already exists")]);
    }
  });

  it("refuses an empty userName or name with protoc-gen-validate's 400 code 3", async () => {
    const token = await accessToken(base, demo.reporter);
    const noName = await management(base, "/management/v1/users/machine", { method: "POST", token, body: { userName: "y" } });
    expect([noName.status, noName.text]).toEqual([
      400,
      '{"code":3,"message":"invalid AddMachineUserRequest.Name: value length must be between 1 and 200 runes, inclusive"}',
    ]);
    const noUser = await management(base, "/management/v1/users/machine", { method: "POST", token, body: { name: "y" } });
    expect(json(noUser)).toMatchObject({ code: 3, message: expect.stringContaining("AddMachineUserRequest.UserName") as unknown });
    const notJson = await call(`${base}/management/v1/users/machine`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: "{",
    });
    expect([notJson.status, json(notJson).code]).toEqual([400, 3]);
  });

  it("finds a user by login name in any org, and only in the org of the request by id", async () => {
    const token = await accessToken(base, demo.reporter);
    const found = await management(base, "/management/v1/global/users/_by_login_name?loginName=globex-sync", { token });
    expect(found.status).toBe(200);
    expect(json(found)).toMatchObject({ user: { id: GLOBEX_SYNC_ID, userName: "globex-sync", details: { resourceOwner: GLOBEX_ID } } });

    const USER_NOT_FOUND = grpcBody(5, "QUERY-Dfbg2", "User could not be found");
    const byId = await management(base, `/management/v1/users/${GLOBEX_SYNC_ID}`, { token });
    expect([byId.status, byId.text]).toEqual([404, USER_NOT_FOUND]);
    const unknown = await management(base, "/management/v1/global/users/_by_login_name?loginName=nobody", { token });
    expect([unknown.status, unknown.text]).toEqual([404, USER_NOT_FOUND]);
  });

  it("reactivates an inactive user so its secret works again; an active one is not inactive (400 code 9)", async () => {
    const token = await accessToken(base, demo.reporter);
    expect((await requestToken(base, demo.retired, "openid")).text).toBe(oauthBody("invalid_request", "Errors.User.NotActive"));
    const reactivated = await management(base, `/management/v1/users/${RETIRED_ID}/_reactivate`, { method: "POST", token, body: {} });
    expect(reactivated.status).toBe(200);
    expect(json(reactivated)).toEqual({
      details: expect.objectContaining({ resourceOwner: ACME_ID, changeDate: expect.any(String) as unknown }) as unknown,
    });
    expect((await requestToken(base, demo.retired, "openid")).status).toBe(200);

    const again = await management(base, `/management/v1/users/${RETIRED_ID}/_reactivate`, { method: "POST", token, body: {} });
    expect([again.status, again.text]).toEqual([400, grpcBody(9, "COMMAND-6M0sf", "User is not inactive")]);
  });

  it("removes a secret; a second removal finds none (400 COMMAND-coi82n)", async () => {
    const token = await accessToken(base, demo.reporter);
    const { userId, userName } = await createUser(token);
    const secret = await generateSecret(token, userId);
    const removed = await management(base, `/management/v1/users/${userId}/secret`, { method: "DELETE", token });
    expect(removed.status).toBe(200);
    const refused = await requestToken(base, { id: userName, secret }, "openid");
    expect(refused.text).toBe(oauthBody("invalid_request", "Errors.User.Machine.Secret.NotExisting"));
    const again = await management(base, `/management/v1/users/${userId}/secret`, { method: "DELETE", token });
    expect([again.status, again.text]).toEqual([400, grpcBody(9, "COMMAND-coi82n", "Secret doesn't exist")]);
  });

  it("reads the user before generating a secret: unknown 404 QUERY-Dfbg2, another org's 404 MANAG-fpo4B", async () => {
    const token = await operatorToken("ada");
    const secret = (userId: string) => management(base, `/management/v1/users/${userId}/secret`, { method: "PUT", token, body: {} });
    const otherOrg = await secret(GLOBEX_SYNC_ID);
    expect([otherOrg.status, otherOrg.text]).toEqual([404, grpcBody(5, "MANAG-fpo4B", "User could not be found")]);
    const unknown = await secret("399999999999999999");
    expect([unknown.status, unknown.text]).toEqual([404, grpcBody(5, "QUERY-Dfbg2", "User could not be found")]);
    // Only a human user of the org reaches the machine-secret command, which finds no machine.
    const human = await secret(ADA_ID);
    expect([human.status, human.text]).toEqual([400, grpcBody(9, "COMMAND-x8910n", "Errors.User.NotExisting")]);
  });
});

describe("org members", () => {
  it("adds once (409 ORG-poWwe after), checks roles, replaces them on update, and lists them", async () => {
    const token = await accessToken(base, demo.reporter);
    const { userId, userName } = await createUser(token);
    const members = "/management/v1/orgs/me/members";

    const badRole = await management(base, members, { method: "POST", token, body: { userId, roles: ["ORG_GOD"] } });
    expect([badRole.status, badRole.text]).toEqual([400, grpcBody(3, "Org-4N8es", "Errors.Org.MemberInvalid")]);
    const noUser = await management(base, members, { method: "POST", token, body: { userId: "1", roles: ["ORG_OWNER"] } });
    expect([noUser.status, noUser.text]).toEqual([400, grpcBody(9, "ORG-GoXOn", "User could not be found")]);

    const add = await management(base, members, { method: "POST", token, body: { userId, roles: ["ORG_OWNER"] } });
    expect(add.status).toBe(200);
    const added = json(add) as { details: { sequence: string; creationDate: string; resourceOwner: string } };
    const twice = await management(base, members, { method: "POST", token, body: { userId, roles: ["ORG_OWNER"] } });
    expect([twice.status, twice.text]).toEqual([409, grpcBody(6, "ORG-poWwe", "Errors.Org.Member.AlreadyExists")]);

    const noRoles = await management(base, members, { method: "POST", token, body: { userId, roles: [] } });
    expect([noRoles.status, noRoles.text]).toEqual([400, grpcBody(3, "ORG-4Mlfs", "Errors.Invalid.Argument")]);
    // v4: the same roles again change nothing and answer the member's current details.
    const same = await management(base, `${members}/${userId}`, { method: "PUT", token, body: { roles: ["ORG_OWNER"] } });
    expect(same.status).toBe(200);
    const { sequence, creationDate, resourceOwner } = added.details;
    expect(json(same)).toEqual({ details: { sequence, changeDate: creationDate, resourceOwner } });
    const viewer = await management(base, `${members}/${userId}`, { method: "PUT", token, body: { roles: ["ORG_OWNER_VIEWER"] } });
    expect(viewer.status).toBe(200);
    expect(json(await call(`${base}/__emulator/users/${userName}`))).toMatchObject({
      memberships: [{ orgId: ACME_ID, roles: ["ORG_OWNER_VIEWER"] }],
    });

    const search = await management(base, `${members}/_search`, {
      method: "POST",
      token,
      body: { queries: [{ userIdQuery: { userId } }] },
    });
    expect(json(search)).toMatchObject({
      details: {
        totalResult: "1",
        processedSequence: expect.any(String) as unknown,
        viewTimestamp: expect.stringMatching(RFC3339) as unknown,
      },
      result: [{ userId, roles: ["ORG_OWNER_VIEWER"], preferredLoginName: userName, userType: "TYPE_MACHINE" }],
    });
    const none = await management(base, `${members}/_search`, {
      method: "POST",
      token,
      body: { queries: [{ userIdQuery: { userId: NO_ROLE_ID } }] },
    });
    expect(json(none)).toEqual({
      details: { processedSequence: expect.any(String) as unknown, viewTimestamp: expect.stringMatching(RFC3339) as unknown },
    });
    // org.member.read is not ORG_USER_MANAGER's (defaults.yaml), so billing+ops may not list members.
    const billing = await accessToken(base, demo.billing);
    const readByUserManager = await management(base, `${members}/_search`, { method: "POST", token: billing, body: {} });
    expect([readByUserManager.status, readByUserManager.text]).toEqual([403, NO_PERMISSION]);
    const noRole = await accessToken(base, demo.noRole);
    const refused = await management(base, `${members}/_search`, { method: "POST", token: noRole, body: {} });
    expect([refused.status, refused.text]).toEqual([403, NO_PERMISSION]);

    const notMember = await management(base, `${members}/${NO_ROLE_ID}`, { method: "PUT", token, body: { roles: ["ORG_OWNER"] } });
    expect([notMember.status, notMember.text]).toEqual([404, grpcBody(5, "Org-D8JxR", "Errors.NotFound")]);
  });
});

describe("the Auth API", () => {
  it("answers GetMyUser with the token's own user, whatever its manager roles, and refuses a token without the ZITADEL audience", async () => {
    // acme-no-role holds no manager role: orgs/me refuses it, but its own user is its to read.
    const token = await accessToken(base, demo.noRole);
    const me = await management(base, "/auth/v1/users/me", { token });
    expect(me.status).toBe(200);
    expect(json(me)).toMatchObject({
      user: { id: NO_ROLE_ID, userName: "acme-no-role", state: "USER_STATE_ACTIVE", details: { resourceOwner: ACME_ID } },
    });
    const withoutAudience = await accessToken(base, demo.noRole, "openid");
    const refused = await management(base, "/auth/v1/users/me", { token: withoutAudience });
    expect([refused.status, refused.text]).toEqual([401, TOKEN_INVALID]);
  });
});
