import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type JWTPayload, type CryptoKey } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { setTestEnv } from "@/lib/server/http/testing";

// A service user's bearer token is good here only when the console's ZITADEL signed it (or vouches for it), for the
// console's project, unexpired, and still live at ZITADEL; what it said is trusted no longer than the cache allows.

const ISSUER = "https://acme.zitadel.example";
const PROJECT = "500000000000000001";
const CACHE_SECONDS = 60;

setTestEnv({ AUTH_ZITADEL_PROJECT_ID: PROJECT, BEARER_CACHE_SECONDS: String(CACHE_SECONDS) });

const { clearBearerCache, validateBearerToken } = await import("./bearer-token");
type Verifier = Parameters<typeof validateBearerToken>[1];

const ROLES = { [`urn:zitadel:iam:org:project:${PROJECT}:roles`]: { viewer: { "200000000000000001": "acme.localhost" } } };
const ORG = { "urn:zitadel:iam:user:resourceowner:name": "ACME Corporation" };
const now = () => Math.floor(Date.now() / 1000);

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "1", alg: "RS256" }] });
});

afterEach(() => {
  clearBearerCache();
  vi.useRealTimers();
});

function jwt(claims: JWTPayload = {}, key: CryptoKey = signingKey): Promise<string> {
  return new SignJWT({
    iss: ISSUER,
    sub: "300000000000000017",
    aud: [PROJECT],
    client_id: "console-ci-viewer",
    ...ROLES,
    ...ORG,
    ...claims,
  })
    .setProtectedHeader({ alg: "RS256", kid: "1" })
    .setIssuedAt()
    .setExpirationTime(typeof claims.exp === "number" ? claims.exp : now() + 3600)
    .sign(key);
}

/** ZITADEL's introspection answer for a live token of the viewer, changed by `answer`; counts its calls. */
function verifier(answer: Record<string, unknown> = {}): Verifier & { calls: number } {
  const self = {
    issuer: ISSUER,
    projectId: PROJECT,
    calls: 0,
    keys: async () => keys,
    introspect: async () => {
      self.calls += 1;
      return {
        active: true,
        iss: ISSUER,
        sub: "300000000000000016",
        aud: [PROJECT],
        exp: now() + 3600,
        username: "console-ci-operator",
        ...ROLES,
        ...ORG,
        ...answer,
      };
    },
  };
  return self;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("a JWT access token", () => {
  it("is good when the issuer signed it for the console's project, giving the user, org and role", async () => {
    const identity = await validateBearerToken(await jwt(), verifier({ sub: "300000000000000017", username: undefined }));
    expect(identity).toMatchObject({
      id: "300000000000000017",
      login: "console-ci-viewer",
      name: "console-ci-viewer",
      org: "ACME Corporation",
      role: "viewer",
    });
  });

  it("is refused (401) when expired, for another project, from another issuer or signed with another key", async () => {
    const expired = await refusal(validateBearerToken(await jwt({ exp: now() - 120 }), verifier()));
    expect(expired).toMatchObject({ status: 401, message: "The bearer token has expired." });
    const foreign = await refusal(validateBearerToken(await jwt({ aud: ["500000000000000002"] }), verifier()));
    expect(foreign).toMatchObject({ status: 401, message: "The bearer token was not issued for M2M Console's project." });
    const otherIssuer = await refusal(validateBearerToken(await jwt({ iss: "https://evil.example" }), verifier()));
    expect(otherIssuer).toMatchObject({ status: 401, message: "The bearer token comes from another issuer." });
    const forged = await refusal(validateBearerToken(await jwt({}, otherKey), verifier()));
    expect(forged).toMatchObject({ status: 401, message: "The bearer token is not valid." });
  });

  it("never reaches ZITADEL when it fails its own checks, and is refused when ZITADEL says it was revoked", async () => {
    const zitadel = verifier({ active: false });
    await refusal(validateBearerToken(await jwt({ exp: now() - 120 }), zitadel));
    expect(zitadel.calls).toBe(0);
    expect(await refusal(validateBearerToken(await jwt(), zitadel))).toMatchObject({
      status: 401,
      message: "The bearer token is not active.",
    });
  });
});

describe("an opaque token or PAT", () => {
  it("is good when ZITADEL's introspection says it is active for the console's project", async () => {
    const identity = await validateBearerToken("opaque-token-of-the-operator", verifier());
    expect(identity).toMatchObject({ id: "300000000000000016", login: "console-ci-operator", org: "ACME Corporation", role: "viewer" });
  });

  it("gets no role from another project's roles claim", async () => {
    const answer = { [`urn:zitadel:iam:org:project:${PROJECT}:roles`]: undefined, "urn:zitadel:iam:org:project:999:roles": { admin: {} } };
    expect(await validateBearerToken("opaque-token-other-roles", verifier(answer))).toMatchObject({ role: null });
  });

  it("is refused (401) when inactive or for another audience, and 503 when ZITADEL cannot be asked", async () => {
    expect(await refusal(validateBearerToken("opaque-inactive", verifier({ active: false })))).toMatchObject({ status: 401 });
    const foreign = await refusal(validateBearerToken("opaque-foreign", verifier({ aud: ["500000000000000002"] })));
    expect(foreign).toMatchObject({ status: 401, message: "The bearer token was not issued for M2M Console's project." });
    const down = verifier();
    down.introspect = async () => {
      throw new ApiError("unavailable", "ZITADEL could not be asked whether the bearer token is valid.");
    };
    expect(await refusal(validateBearerToken("opaque-down", down))).toMatchObject({ status: 503 });
  });
});

describe("the validation cache", () => {
  it("asks ZITADEL once per token until BEARER_CACHE_SECONDS have passed, then again", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const zitadel = verifier();
    await validateBearerToken("opaque-cached", zitadel);
    await validateBearerToken("opaque-cached", zitadel);
    expect(zitadel.calls).toBe(1);
    vi.setSystemTime(Date.now() + (CACHE_SECONDS + 1) * 1000);
    await validateBearerToken("opaque-cached", zitadel);
    expect(zitadel.calls).toBe(2);
  });

  it("keeps a token that expires sooner only until shortly before its expiry, and a failure not at all", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const zitadel = verifier({ exp: now() + 20 });
    await validateBearerToken("opaque-short", zitadel);
    vi.setSystemTime(Date.now() + 16_000);
    await validateBearerToken("opaque-short", zitadel);
    expect(zitadel.calls).toBe(2);

    const revoked = verifier({ active: false });
    await refusal(validateBearerToken("opaque-revoked", revoked));
    await refusal(validateBearerToken("opaque-revoked", revoked));
    expect(revoked.calls).toBe(2);
  });
});
