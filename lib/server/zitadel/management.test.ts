import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import {
  addOrgMember,
  createMachineUser,
  findUserByLoginName,
  generateSecret,
  reactivateUser,
  searchOrgs,
  type ManagementConnection,
} from "./management";
import { json, startFakeIssuer, type FakeIssuer, type Reply } from "./testing";

// The Management API client against a scripted ZITADEL on a local socket: what it sends, how it reads an answer, and
// each refusal as a diagnosis that says who lacked what where (never ZITADEL's raw text beyond the cleaned error id).

let zitadel: FakeIssuer;
let reply: (path: string, body: string) => Reply;

beforeAll(async () => {
  zitadel = await startFakeIssuer();
  setTestEnv({ ALLOWED_ISSUERS: zitadel.issuer });
  zitadel.management = (_req, path, body) => reply(path, body);
});

beforeEach(() => {
  zitadel.server.requests.length = 0;
});

afterAll(async () => {
  await closeAgents();
  await zitadel.server.close();
});

function connection(overrides: Partial<ManagementConnection> = {}): ManagementConnection {
  return {
    issuer: zitadel.issuer,
    accessToken: "operator-token",
    orgId: "2863178493",
    refusal: { who: "Ada Admin (your own ZITADEL account)", isOperator: true, org: "ACME Corporation" },
    ...overrides,
  };
}

const FORBIDDEN = json(403, { code: 7, message: "No matching permissions found (AUTH-5mWD2)", details: [{ id: "AUTH-5mWD2" }] });

describe("Management API client", () => {
  it("creates a machine user in the org context with the operator's Bearer token", async () => {
    reply = () => json(200, { userId: "301", details: { sequence: "4", resourceOwner: "2863178493" } });
    const result = await createMachineUser(connection(), { userName: "billing", name: "Billing", description: "", accessTokenType: "jwt" });
    expect(result).toMatchObject({
      ok: true,
      data: { userId: "301" },
      call: { method: "POST", path: "/management/v1/users/machine", httpStatus: 200 },
    });
    const [sent] = zitadel.server.requests;
    expect(sent?.headers.authorization).toBe("Bearer operator-token");
    expect(sent?.headers["x-zitadel-orgid"]).toBe("2863178493");
    expect(JSON.parse(sent?.body ?? "{}")).toEqual({
      userName: "billing",
      name: "Billing",
      description: "",
      accessTokenType: "ACCESS_TOKEN_TYPE_JWT",
    });
  });

  it("names who lacks which permission in which org when ZITADEL refuses (AUTH-5mWD2)", async () => {
    reply = () => FORBIDDEN;
    const result = await addOrgMember(
      connection({ refusal: { who: "the provisioner billing+ops", isOperator: false, org: "ACME Corporation" } }),
      "301",
      ["ORG_OWNER"],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.code).toBe("provisioning_forbidden");
    expect(result.diagnosis.explanation).toBe(
      "the provisioner billing+ops lacks ZITADEL's org.member.write permission in the organization ACME Corporation, so ZITADEL refused to grant the service user a manager role (AUTH-5mWD2).",
    );
    expect(result.call).toMatchObject({ httpStatus: 403, errorId: "AUTH-5mWD2" });
  });

  it("tells an operator whose token ZITADEL rejects to sign in again, and a provisioner's rejection as a token problem", async () => {
    reply = () => json(401, { code: 16, message: "Errors.Token.Invalid (AUTH-7fs1e)", details: [{ id: "AUTH-7fs1e" }] });
    const operator = await generateSecret(connection(), "301");
    expect(!operator.ok && operator.diagnosis.code).toBe("provisioning_token_expired");
    const provisioner = await generateSecret(connection({ refusal: { who: "the provisioner x", isOperator: false, org: null } }), "301");
    expect(!provisioner.ok && provisioner.diagnosis.code).toBe("token_invalid");
  });

  it("says a secret for another org's user failed because the user is not in this organization (MANAG-fpo4B)", async () => {
    reply = () => json(404, { code: 5, message: "User could not be found (MANAG-fpo4B)", details: [{ id: "MANAG-fpo4B" }] });
    const result = await generateSecret(connection(), "301");
    expect(result).toMatchObject({ ok: false, grpcCode: 5, errorId: "MANAG-fpo4B", diagnosis: { code: "user_not_found" } });
    expect(!result.ok && result.diagnosis.explanation).toMatch(/^User not found in this organization: .*ACME Corporation/);
  });

  it("names a rewritten Authorization header (AUTH-toLo1) instead of an expired sign-in", async () => {
    reply = () => json(401, { code: 16, message: "invalid auth header (AUTH-toLo1)", details: [{ id: "AUTH-toLo1" }] });
    const result = await generateSecret(connection(), "301");
    expect(result).toMatchObject({ ok: false, diagnosis: { code: "token_invalid" } });
    expect(!result.ok && result.diagnosis.explanation).toMatch(/Authorization header.*AUTH-toLo1/);
  });

  it("answers a taken username with user_exists and an unknown one with user_not_found, keeping the gRPC code", async () => {
    reply = () => json(409, { code: 6, message: "Errors.User.AlreadyExists (COMMAND-k2una)", details: [{ id: "COMMAND-k2una" }] });
    const taken = await createMachineUser(connection(), { userName: "billing", name: "B", description: "", accessTokenType: "bearer" });
    expect(taken).toMatchObject({ ok: false, grpcCode: 6, diagnosis: { code: "user_exists" } });

    reply = () => json(404, { code: 5, message: "Errors.User.NotFound", details: [{ id: "QUERY-Dfbg2" }] });
    const missing = await findUserByLoginName(connection(), "nobody@acme");
    expect(missing).toMatchObject({ ok: false, diagnosis: { code: "user_not_found" } });
    expect(zitadel.server.requests.at(-1)?.url).toBe("/management/v1/global/users/_by_login_name?loginName=nobody%40acme");
  });

  it("reads a user's org and state, and keeps ZITADEL's NotInactive refusal distinguishable", async () => {
    reply = () =>
      json(200, {
        user: {
          id: "301",
          details: { resourceOwner: "99" },
          state: "USER_STATE_INACTIVE",
          userName: "billing",
          machine: { hasSecret: true },
        },
      });
    expect(await findUserByLoginName(connection(), "billing")).toMatchObject({
      ok: true,
      data: { id: "301", orgId: "99", isActive: false, hasSecret: true, userName: "billing" },
    });
    reply = () => json(400, { code: 9, message: "Errors.User.NotInactive", details: [{ id: "COMMAND-6bnkb" }] });
    expect(await reactivateUser(connection(), "301")).toMatchObject({ ok: false, grpcCode: 9, diagnosis: { code: "request_rejected" } });
  });

  it("turns an answer that is not what ZITADEL sends into bad_response, never into data", async () => {
    reply = () => json(200, { clientId: "billing" });
    expect(await generateSecret(connection(), "301")).toMatchObject({ ok: false, diagnosis: { code: "bad_response" } });
    reply = () => json(200, { result: [{ id: "1", name: "ACME", primaryDomain: "acme.localhost" }, { id: "2" }] });
    expect(await searchOrgs(connection())).toMatchObject({
      ok: true,
      data: [
        { id: "1", name: "ACME", primaryDomain: "acme.localhost" },
        { id: "2", name: "2", primaryDomain: "" },
      ],
    });
    expect(zitadel.server.requests.at(-1)?.url).toBe("/v2/organizations/_search");
  });
});
