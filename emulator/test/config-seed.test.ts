import { describe, expect, it } from "vitest";
import { demoSeed, serviceUser } from "./support";
import { DEFAULT_SEED_PATH, parseEmulatorEnv } from "../src/config";
import { parseSeed, withExtraRedirectOrigins } from "../src/seed";

// Start-up validation: a bad variable or seed must stop the emulator with a message naming the culprit.

describe("emulator env", () => {
  it("defaults to port 8080, the localhost issuer and the demo seed", () => {
    expect(parseEmulatorEnv({})).toEqual({
      port: 8080,
      issuer: "http://localhost:8080",
      seedPath: DEFAULT_SEED_PATH,
      host: undefined,
      extraRedirectOrigins: [],
      secretPropagationMs: 2000,
    });
  });

  it("reads the secret propagation delay; 0 makes a generated secret work at once", () => {
    expect(parseEmulatorEnv({ EMULATOR_SECRET_PROPAGATION_MS: "0" }).secretPropagationMs).toBe(0);
    expect(parseEmulatorEnv({ EMULATOR_SECRET_PROPAGATION_MS: "250" }).secretPropagationMs).toBe(250);
  });

  it("derives the issuer from EMULATOR_PORT and normalises extra origins", () => {
    const config = parseEmulatorEnv({
      EMULATOR_PORT: "9090",
      EMULATOR_EXTRA_REDIRECT_ORIGINS: "http://localhost:3100/, http://127.0.0.1:3200",
    });
    expect(config.issuer).toBe("http://localhost:9090");
    expect(config.extraRedirectOrigins).toEqual(["http://localhost:3100", "http://127.0.0.1:3200"]);
  });

  it.each([
    [{ EMULATOR_PORT: "eighty" }, "EMULATOR_PORT"],
    [{ EMULATOR_PORT: "70000" }, "EMULATOR_PORT"],
    [{ EMULATOR_ISSUER: "http://localhost:8080/oidc" }, "EMULATOR_ISSUER"],
    [{ EMULATOR_EXTRA_REDIRECT_ORIGINS: "localhost:3100" }, "EMULATOR_EXTRA_REDIRECT_ORIGINS"],
    [{ EMULATOR_SECRET_PROPAGATION_MS: "-1" }, "EMULATOR_SECRET_PROPAGATION_MS"],
    [{ EMULATOR_SECRET_PROPAGATION_MS: "soon" }, "EMULATOR_SECRET_PROPAGATION_MS"],
  ])("names the bad variable in %j", (env, name) => {
    expect(() => parseEmulatorEnv(env)).toThrow(name);
  });
});

describe("seed", () => {
  it("loads the committed demo seed", () => {
    const seed = demoSeed();
    expect(seed.serviceUsers.map((u) => u.username)).toContain("billing+ops@acme");
    expect(seed.operators.map(({ id, username, name, email, role }) => ({ id, username, name, email, role }))).toEqual([
      { id: "400000000000000001", username: "ada", name: "Ada Admin", email: "ada@acme.localhost", role: "admin" },
      { id: "400000000000000002", username: "oscar", name: "Oscar Operator", email: "oscar@acme.localhost", role: "operator" },
      { id: "400000000000000003", username: "vera", name: "Vera Viewer", email: "vera@acme.localhost", role: "viewer" },
      { id: "400000000000000004", username: "nora", name: "Nora Newcomer", email: "nora@acme.localhost", role: undefined },
    ]);
  });

  it("gives the operators ZITADEL manager roles: ada owns both orgs, oscar ACME, vera and nora none", () => {
    const memberships = Object.fromEntries(demoSeed().operators.map((op) => [op.username, op.memberships]));
    expect(memberships).toEqual({
      ada: [
        { orgId: "200000000000000001", roles: ["ORG_OWNER"] },
        { orgId: "200000000000000002", roles: ["ORG_OWNER"] },
      ],
      oscar: [{ orgId: "200000000000000001", roles: ["ORG_OWNER"] }],
      vera: [],
      nora: [],
    });
  });

  it("rejects an operator membership in an unknown org", () => {
    const seed = demoSeed();
    seed.operators[1]!.memberships.push({ orgId: "999", roles: ["ORG_OWNER"] });
    expect(() => parseSeed(seed)).toThrow(/operators\.1\.memberships\.1\.orgId: unknown org 999/);
  });

  it("rejects an operator role the console's project does not define", () => {
    const seed = demoSeed() as unknown as { operators: Record<string, unknown>[] };
    seed.operators[0]!.role = "owner";
    expect(() => parseSeed(seed)).toThrow(/operators\.0\.role: /);
  });

  it("rejects apps of one project that disagree on a project setting", () => {
    const seed = demoSeed();
    seed.apps.push({ ...seed.apps[0]!, clientId: "m2m-console-2", assertRolesOnAuthentication: false });
    expect(() => parseSeed(seed)).toThrow(/apps\.2\.assertRolesOnAuthentication: apps of project 500000000000000001 disagree/);
  });

  it("points at the offending field", () => {
    const seed = demoSeed() as unknown as { serviceUsers: Record<string, unknown>[] };
    seed.serviceUsers[1]!.accessTokenType = "JWT";
    expect(() => parseSeed(seed, "test.json")).toThrow(/test\.json:\n {2}- serviceUsers\.1\.accessTokenType: /);
  });

  it("checks references between orgs and users", () => {
    const seed = demoSeed();
    seed.serviceUsers[2]!.orgId = "123";
    expect(() => parseSeed(seed)).toThrow(/serviceUsers\.2\.orgId: unknown org 123/);
  });

  it("rejects usernames that differ only in case, since lookups are case-insensitive", () => {
    const seed = demoSeed();
    seed.serviceUsers.push({ ...seed.serviceUsers[0]!, id: "399999999999999999", username: "ACME-Reporter" });
    expect(() => parseSeed(seed)).toThrow(/duplicate username "ACME-Reporter"/);
  });

  it("rejects a key that is not an RSA public key, and a key id used twice", () => {
    const bad = demoSeed();
    serviceUser(bad, "acme-key-bot").keys[0]!.publicKey = "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n";
    expect(() => parseSeed(bad)).toThrow(/serviceUsers\.\d+\.keys\.0\.publicKey: must be an RSA public key/);
    const twice = demoSeed();
    twice.apps[1]!.keys.push(serviceUser(twice, "acme-key-bot").keys[0]!);
    expect(() => parseSeed(twice)).toThrow(/apps\.1\.keys\.1\.keyId: duplicate keyId 600000000000000001/);
  });

  it("adds each extra origin's callback and login page to the OIDC apps only", () => {
    const seed = withExtraRedirectOrigins(demoSeed(), ["http://localhost:3100"]);
    const [web, api] = seed.apps;
    expect(web!.redirectUris).toEqual([
      "http://localhost:3000/api/auth/callback/zitadel",
      "http://localhost:3100/api/auth/callback/zitadel",
    ]);
    expect(web!.postLogoutRedirectUris).toEqual(["http://localhost:3000/login", "http://localhost:3100/login"]);
    expect(api!.redirectUris).toEqual([]);
  });
});
