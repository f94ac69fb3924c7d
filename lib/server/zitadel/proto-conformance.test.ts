import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv, startTestServer, type TestServer } from "@/lib/server/http/testing";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { canonicalJson, canonicalRequestJson, findZitadelCall, StatusSchema, ZITADEL_CALLS } from "@/lib/server/testing/zitadel-proto";
import { exchangeToken } from "./exchange";
import {
  addOrgMember,
  createMachineUser,
  findUserByLoginName,
  generateSecret,
  getMemberRoles,
  getOwnOrg,
  getUser,
  reactivateUser,
  searchOrgs,
  updateOrgMember,
  type ManagementConnection,
} from "./management";
import { listUserGrants, listUserKeys, listUserMemberships, listUserPats } from "./user-reads";
import { ZITADEL_API_AUDIENCE_SCOPE } from "./wire";

// The console's Management and v2 calls against the emulator, through a recorder, each body held to ZITADEL's own
// message definitions (@zitadel/proto): every request the console builds and every answer the emulator gives.

const ACME = "200000000000000001";
const ADA = "400000000000000001";

interface Exchange {
  method: string;
  url: string;
  request: string;
  status: number;
  response: string;
}

let emulator: EmulatorProcess;
let recorder: TestServer;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  emulator = await startEmulatorProcess({ EMULATOR_SECRET_PROPAGATION_MS: "0" });
  recorder = await startTestServer((req, res, body) => {
    void forward(req.method ?? "GET", req.url ?? "/", req.headers, body).then((exchange) => {
      exchanges.push(exchange);
      res.writeHead(exchange.status, { "content-type": "application/json" });
      res.end(exchange.response);
    });
  });
  setTestEnv({ ALLOWED_ISSUERS: [emulator.issuer, recorder.origin].join(",") });
});

afterAll(async () => {
  await closeAgents();
  await recorder.close();
  await emulator.close();
});

async function forward(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): Promise<Exchange> {
  const pass = ["authorization", "content-type", "accept", "x-zitadel-orgid"].flatMap((name) => {
    const value = headers[name];
    return typeof value === "string" ? [[name, value] as [string, string]] : [];
  });
  const response = await fetch(`${emulator.issuer}${url}`, {
    method,
    headers: Object.fromEntries(pass),
    body: method === "GET" || method === "DELETE" ? undefined : body,
  });
  return { method, url, request: body, status: response.status, response: await response.text() };
}

async function tokenOf(clientId: string, clientSecret: string): Promise<string> {
  const scopes = ["openid", ZITADEL_API_AUDIENCE_SCOPE];
  const token = await exchangeToken({ issuer: emulator.issuer, clientId, clientSecret, scopes, authMethod: "basic" });
  if (!token.ok) throw new Error(`no token for ${clientId}: ${token.diagnosis.code}`);
  return token.accessToken;
}

function connection(accessToken: string, orgId: string | null = ACME): ManagementConnection {
  return { issuer: recorder.origin, accessToken, orgId, refusal: { who: "the conformance test", isOperator: false, org: "ACME" } };
}

/** A call the console never makes in this form, sent raw so the emulator's other answers are checked too. */
function raw(path: string, init: { method?: string; token?: string; authorization?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  const authorization = init.authorization ?? (init.token ? `Bearer ${init.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  return fetch(`${recorder.origin}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The request message as JSON: the body, the fields the path carries, and the query. */
function requestJson(exchange: Exchange, pathFields: readonly string[], pathValues: readonly string[]): Record<string, unknown> {
  const url = new URL(exchange.url, "http://x");
  const body = exchange.request === "" ? {} : (JSON.parse(exchange.request) as Record<string, unknown>);
  const fromPath = Object.fromEntries(pathFields.map((field, index) => [field, pathValues[index]]));
  return { ...body, ...fromPath, ...Object.fromEntries(url.searchParams) };
}

describe("protojson conformance with ZITADEL's message definitions", () => {
  beforeAll(async () => {
    const reporter = connection(await tokenOf("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1"));
    const userName = `proto-bot-${Date.now()}`;
    const created = await createMachineUser(reporter, { userName, name: "Proto Bot", description: "checked", accessTokenType: "jwt" });
    if (!created.ok) throw new Error(`create failed: ${created.diagnosis.code}`);
    const userId = created.data.userId;
    await createMachineUser(reporter, { userName: `${userName}-b`, name: "Proto B", description: "", accessTokenType: "bearer" });
    await createMachineUser(reporter, { userName, name: "Again", description: "", accessTokenType: "bearer" });

    const globex = await findUserByLoginName(reporter, "globex-sync");
    if (!globex.ok) throw new Error("globex-sync not found");
    await findUserByLoginName(reporter, "nobody-at-all");
    await getUser(reporter, userId);
    await getUser(reporter, ADA);
    await getUser(reporter, globex.data.id);

    await generateSecret(reporter, userId);
    await generateSecret(reporter, globex.data.id);
    await generateSecret(reporter, "399999999999999999");
    await generateSecret(reporter, ADA);

    await addOrgMember(reporter, userId, ["ORG_OWNER"]);
    await addOrgMember(reporter, userId, ["ORG_OWNER"]);
    await addOrgMember(reporter, userId, []);
    await addOrgMember(reporter, userId, ["ORG_GOD"]);
    await getMemberRoles(reporter, userId);
    await getMemberRoles(reporter, "300000000000000003");
    await updateOrgMember(reporter, userId, ["ORG_OWNER"]);
    await updateOrgMember(reporter, userId, ["ORG_OWNER", "ORG_USER_MANAGER"]);
    await updateOrgMember(reporter, "300000000000000003", ["ORG_OWNER"]);
    await reactivateUser(reporter, userId);
    await reactivateUser(reporter, "300000000000000004");
    await searchOrgs(reporter);
    await getOwnOrg(reporter);
    await getOwnOrg(connection(reporter.accessToken, "999999999999999999"));
    await getOwnOrg(connection("not-a-token"));

    for (const id of ["300000000000000013", "300000000000000017", "300000000000000003", ADA]) {
      await listUserKeys(reporter, id);
      await listUserPats(reporter, id);
      await listUserMemberships(reporter, id);
      await listUserGrants(reporter, id);
    }

    const noRole = connection(await tokenOf("acme-no-role", "N0RoleDemoSecretAcme2026xxxxxxx3"));
    await searchOrgs(noRole);
    await getMemberRoles(noRole, userId);
    await listUserKeys(noRole, userId);
    await listUserMemberships(noRole, userId);

    await raw(`/management/v1/users/${userId}/secret`, { method: "DELETE", token: reporter.accessToken });
    await raw(`/management/v1/users/${userId}/secret`, { method: "DELETE", token: reporter.accessToken });
    await raw("/management/v1/users/machine", { method: "POST", token: reporter.accessToken, body: { userName: "x" } });
    await raw("/management/v1/orgs/me");
    await raw("/management/v1/orgs/me", { authorization: `Basic ${reporter.accessToken}` });
    await raw("/management/v1/nothing-here", { token: reporter.accessToken });
    await raw("/management/v1/orgs/me", { method: "DELETE", token: reporter.accessToken });
  });

  it("every answer is the protojson of its response message, or of google.rpc.Status with ZITADEL's ErrorDetail", () => {
    expect(exchanges.length).toBeGreaterThan(30);
    for (const exchange of exchanges) {
      const found = findZitadelCall(exchange.method, new URL(exchange.url, "http://x").pathname);
      const schema = exchange.status === 200 ? found?.call.response : StatusSchema;
      const label = `${exchange.method} ${exchange.url} → ${exchange.status}`;
      expect(schema, label).toBeDefined();
      const body = JSON.parse(exchange.response) as unknown;
      expect(canonicalJson(schema!, body), label).toEqual(body);
    }
  });

  it("every request body is a request message of the call, without unknown fields and with values in protojson form", () => {
    let checked = 0;
    for (const exchange of exchanges) {
      const found = findZitadelCall(exchange.method, new URL(exchange.url, "http://x").pathname);
      if (!found) continue;
      const json = requestJson(exchange, found.call.pathFields ?? [], found.pathValues);
      expect(canonicalRequestJson(found.call.request, json), `${exchange.method} ${exchange.url}`).toEqual(json);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it("covers every call the console makes with a successful answer", () => {
    const answered = ZITADEL_CALLS.filter((call) =>
      exchanges.some(
        (exchange) =>
          exchange.status === 200 && findZitadelCall(exchange.method, new URL(exchange.url, "http://x").pathname)?.call === call,
      ),
    );
    expect(answered.map((call) => `${call.method} ${call.path.source}`)).toEqual(
      ZITADEL_CALLS.map((call) => `${call.method} ${call.path.source}`),
    );
  });

  it("would catch the drift it was written for: an empty details list, a creationDate-less unknown field, a number", () => {
    expect(canonicalJson(StatusSchema, { code: 16, message: "auth header missing", details: [] })).toEqual({
      code: 16,
      message: "auth header missing",
    });
    const add = ZITADEL_CALLS[0]!.response;
    expect(() => canonicalJson(add, { userId: "1", details: { created: "2026-01-01T00:00:00Z" } })).toThrow(/unknown/);
    expect(canonicalJson(add, { userId: "1", details: { sequence: 3 } })).toEqual({ userId: "1", details: { sequence: "3" } });
  });
});
