import "server-only";
import { randomBytes } from "node:crypto";
import type http from "node:http";
import { json, startFakeIssuer, type FakeIssuer, type Reply } from "@/lib/server/zitadel/testing";

// A scripted ZITADEL for provisioning tests: machine users, their secrets (not accepted at the token endpoint for the
// first `notReadyTries` tries, like ZITADEL's eventual consistency), org memberships and orgs/me, as the Management
// API answers them. Management calls need the operator's token; a service user's token works for orgs/me only.

export const ORG = { id: "2863178493", name: "ACME Corporation", primaryDomain: "acme.localhost" };

export interface FakeUser {
  id: string;
  userName: string;
  active: boolean;
  secret: string | null;
  notReadyLeft: number;
}

export interface FakeZitadel {
  fake: FakeIssuer;
  issuer: string;
  operatorToken: string;
  users: Map<string, FakeUser>;
  members: Map<string, string[]>;
  /** Service users whose tokens the Management API accepts like the operator's (a provisioner's user). */
  managers: Set<string>;
  /** Refuse role grants (403 AUTH-5mWD2), as for an Org User Manager. */
  forbidMembers: boolean;
  notReadyTries: number;
}

const FORBIDDEN = json(403, { code: 7, message: "No matching permissions found (AUTH-5mWD2)", details: [{ id: "AUTH-5mWD2" }] });
const UNAUTHENTICATED = json(401, { code: 16, message: "Errors.Token.Invalid (AUTH-7fs1e)", details: [{ id: "AUTH-7fs1e" }] });
const details = () => ({ sequence: "1", changeDate: new Date().toISOString(), resourceOwner: ORG.id });

export async function startFakeZitadel(): Promise<FakeZitadel> {
  const fake = await startFakeIssuer();
  const zitadel: FakeZitadel = {
    fake,
    issuer: fake.issuer,
    operatorToken: `operatorToken_${randomBytes(12).toString("hex")}`,
    users: new Map(),
    members: new Map(),
    managers: new Set(),
    forbidMembers: false,
    notReadyTries: 2,
  };
  fake.token = (body, req) => token(zitadel, body, req);
  fake.orgsMe = (req) => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, "");
    if (bearer === zitadel.operatorToken) return json(200, { org: { ...ORG, state: "ORG_STATE_ACTIVE" } });
    const user = [...zitadel.users.values()].find((candidate) => bearer === `token-${candidate.id}`);
    if (!user) return UNAUTHENTICATED;
    return zitadel.members.has(user.id) ? json(200, { org: { ...ORG, state: "ORG_STATE_ACTIVE" } }) : FORBIDDEN;
  };
  fake.management = (req, path, body) => management(zitadel, req, path, body);
  return zitadel;
}

function userJson(user: FakeUser) {
  return {
    user: {
      id: user.id,
      details: details(),
      state: user.active ? "USER_STATE_ACTIVE" : "USER_STATE_INACTIVE",
      userName: user.userName,
      loginNames: [user.userName],
      preferredLoginName: user.userName,
      machine: { name: user.userName, hasSecret: user.secret !== null, accessTokenType: "ACCESS_TOKEN_TYPE_BEARER" },
    },
  };
}

function management(zitadel: FakeZitadel, req: http.IncomingMessage, path: string, body: string): Reply | undefined {
  const bearer = req.headers.authorization?.replace(/^Bearer /, "");
  const isManager = [...zitadel.managers].some((userId) => bearer === `token-${userId}`);
  if (bearer !== zitadel.operatorToken && !isManager) return UNAUTHENTICATED;
  const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const method = req.method ?? "GET";
  const userPath = /^\/management\/v1\/users\/(\d+)(\/secret|\/_reactivate)?$/.exec(path);
  if (method === "POST" && path === "/management/v1/users/machine") {
    const userName = String(input.userName ?? "");
    if ([...zitadel.users.values()].some((user) => user.userName === userName)) {
      return json(409, { code: 6, message: "User already exists (COMMAND-k2una)", details: [{ id: "COMMAND-k2una" }] });
    }
    const id = String(300_000 + zitadel.users.size + Math.floor(Math.random() * 1000) * 1000);
    zitadel.users.set(id, { id, userName, active: true, secret: null, notReadyLeft: 0 });
    return json(200, { userId: id, details: details() });
  }
  if (method === "GET" && path === "/management/v1/global/users/_by_login_name") {
    const loginName = new URL(req.url ?? "", "http://x").searchParams.get("loginName");
    const user = [...zitadel.users.values()].find((candidate) => candidate.userName === loginName);
    return user ? json(200, userJson(user)) : json(404, { code: 5, message: "Errors.User.NotFound", details: [{ id: "QUERY-Dfbg2" }] });
  }
  if (userPath) {
    const user = zitadel.users.get(userPath[1] ?? "");
    if (!user) return json(404, { code: 5, message: "Errors.User.NotFound", details: [{ id: "QUERY-Dfbg2" }] });
    if (method === "PUT" && userPath[2] === "/secret") {
      user.secret = randomBytes(32).toString("hex");
      user.notReadyLeft = zitadel.notReadyTries;
      return json(200, { clientId: user.userName, clientSecret: user.secret, details: details() });
    }
    if (method === "POST" && userPath[2] === "/_reactivate") {
      if (user.active) return json(400, { code: 9, message: "Errors.User.NotInactive", details: [{ id: "COMMAND-6bnkb" }] });
      user.active = true;
      return json(200, { details: details() });
    }
    if (method === "GET" && !userPath[2]) return json(200, userJson(user));
  }
  return members(zitadel, method, path, input);
}

function members(zitadel: FakeZitadel, method: string, path: string, input: Record<string, unknown>): Reply | undefined {
  if (path === "/v2/organizations/_search" && method === "POST") {
    return json(200, { details: { totalResult: "1" }, result: [{ ...ORG, details: details(), state: "ORGANIZATION_STATE_ACTIVE" }] });
  }
  if (!path.startsWith("/management/v1/orgs/me/members")) return undefined;
  if (zitadel.forbidMembers) return FORBIDDEN;
  if (method === "POST" && path === "/management/v1/orgs/me/members") {
    const userId = String(input.userId);
    if (zitadel.members.has(userId))
      return json(409, { code: 6, message: "Errors.Org.Member.AlreadyExists", details: [{ id: "ORG-poWwe" }] });
    zitadel.members.set(userId, input.roles as string[]);
    return json(200, { details: details() });
  }
  if (method === "POST" && path === "/management/v1/orgs/me/members/_search") {
    return json(200, { result: [...zitadel.members].map(([userId, roles]) => ({ userId, roles })) });
  }
  const update = /^\/management\/v1\/orgs\/me\/members\/(\d+)$/.exec(path);
  if (method === "PUT" && update?.[1] && zitadel.members.has(update[1])) {
    zitadel.members.set(update[1], input.roles as string[]);
    return json(200, { details: details() });
  }
  return undefined;
}

function token(zitadel: FakeZitadel, body: URLSearchParams, req: http.IncomingMessage): Reply {
  const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
  const [clientId, secret] = basic.split(":").map((part) => decodeURIComponent(part));
  const user = [...zitadel.users.values()].find((candidate) => candidate.userName === clientId);
  if (!user) return json(400, { error: "invalid_client", error_description: "client not found" });
  if (!user.active) return json(400, { error: "invalid_client", error_description: "Errors.User.NotActive" });
  if (!user.secret) return json(400, { error: "invalid_client", error_description: "Errors.User.Machine.Secret.NotExisting" });
  if (secret !== user.secret) return json(400, { error: "invalid_client", error_description: "Errors.User.Machine.Secret.Invalid" });
  if (user.notReadyLeft > 0) {
    user.notReadyLeft -= 1;
    return json(400, { error: "invalid_client", error_description: "Errors.User.Machine.Secret.NotExisting" });
  }
  void body;
  return json(200, { access_token: `token-${user.id}`, token_type: "Bearer", expires_in: 43199 });
}
