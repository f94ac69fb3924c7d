import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";

// Seeds are hand-written JSON: strict objects turn a typo into an error instead of a silently ignored field.
const numericId = z.string().regex(/^\d+$/, "must be a numeric string, like ZITADEL's ids");
const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, "must be an RFC 3339 timestamp");

export const faultEndpoints = ["token", "orgs"] as const;
export type FaultEndpoint = (typeof faultEndpoints)[number];

const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  html: z.boolean().optional(),
  secretVisibleAfterSeconds: z.number().min(0).optional(),
  trickleMs: z.number().int().min(1).max(60_000).optional(),
  on: z.array(z.enum(faultEndpoints)).min(1).optional(),
});

// The public half of a key ZITADEL generated (2048-bit RSA); the private half is in the key file the owner downloaded.
// Kept as PEM text so a parsed seed parses again; directory.ts turns it into a key once.
const rsaPublicKeyPem = z.string().refine((pem) => {
  try {
    return createPublicKey(pem).asymmetricKeyType === "rsa";
  } catch {
    return false;
  }
}, "must be an RSA public key in PEM (BEGIN PUBLIC KEY)");

const keySchema = z.strictObject({
  keyId: numericId,
  publicKey: rsaPublicKeyPem,
  // ZITADEL stores a far-future date when the key was created without one.
  expirationDate: rfc3339,
});

const patSchema = z.strictObject({
  token: z.string().min(20),
  expirationDate: rfc3339,
});

const orgSchema = z.strictObject({
  id: numericId,
  name: z.string().min(1),
  primaryDomain: z.string().min(1),
  state: z.enum(["ORG_STATE_UNSPECIFIED", "ORG_STATE_ACTIVE", "ORG_STATE_INACTIVE", "ORG_STATE_REMOVED"]),
  createdAt: rfc3339,
  changedAt: rfc3339,
  sequence: z.number().int().min(0),
});

// Roles in an org (ORG_*) count in that org; instance roles (IAM_*) count in every org, whichever orgId carries them.
const membershipSchema = z.strictObject({ orgId: numericId, roles: z.array(z.string().min(1)) });

/** The console's project role keys. */
export const operatorRoles = ["admin", "operator", "viewer"] as const;

const serviceUserSchema = z.strictObject({
  id: numericId,
  username: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  orgId: numericId,
  secret: z.string().min(1).nullable(),
  accessTokenType: z.enum(["ACCESS_TOKEN_TYPE_BEARER", "ACCESS_TOKEN_TYPE_JWT"]).default("ACCESS_TOKEN_TYPE_BEARER"),
  state: z.enum(["active", "inactive", "locked"]).default("active"),
  createdAt: rfc3339.optional(),
  changedAt: rfc3339.optional(),
  memberships: z.array(membershipSchema).default([]),
  // An authorization on the console's project, as an operator's `role`: a service user calling the console's API.
  role: z.enum(operatorRoles).optional(),
  /** Keys for the JWT-profile grant (Users → Service Users → Keys). */
  keys: z.array(keySchema).default([]),
  /** Personal access tokens, accepted as Bearer tokens until they expire. */
  pats: z.array(patSchema).default([]),
  faults: faultsSchema.optional(),
});

const operatorSchema = z.strictObject({
  id: numericId,
  username: z.string().min(1),
  password: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  // Absent = no authorization on the console's project: the user can sign in but gets no roles claim.
  role: z.enum(operatorRoles).optional(),
  orgId: numericId.optional(),
  // ZITADEL manager roles: what the operator's own token may do over the Management API (as for service users).
  memberships: z.array(membershipSchema).default([]),
});

const appSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  type: z.enum(["oidc", "api"]),
  projectId: numericId,
  redirectUris: z.array(z.url()).default([]),
  postLogoutRedirectUris: z.array(z.url()).default([]),
  // ZITADEL's project setting "Assert Roles on Authentication": role claims in userinfo even without the roles
  // scope. A project setting, so apps of one project must agree. ZITADEL's default is off; the emulator's is on.
  assertRolesOnAuthentication: z.boolean().default(true),
  // ZITADEL's app setting "User roles inside ID Token". ZITADEL's default is off; the emulator's is on.
  idTokenRoleAssertion: z.boolean().default(true),
  /** Application keys for private_key_jwt client authentication (introspection). */
  keys: z.array(keySchema).default([]),
});

export const seedSchema = z
  .strictObject({
    instance: z.strictObject({
      zitadelProjectId: numericId,
      accessTokenLifetimeSeconds: z.number().int().min(2).max(31_536_000).default(43_200),
    }),
    orgs: z.array(orgSchema).min(1),
    serviceUsers: z.array(serviceUserSchema).default([]),
    operators: z.array(operatorSchema).default([]),
    apps: z.array(appSchema).default([]),
  })
  .superRefine((seed, ctx) => {
    const orgIds = new Set(seed.orgs.map((org) => org.id));
    const loginNames = new Set<string>();
    const userIds = new Set<string>();
    const users = [
      ...seed.serviceUsers.map((user, i) => ({ ...user, path: ["serviceUsers", i] })),
      ...seed.operators.map((user, i) => ({ ...user, path: ["operators", i] })),
    ];
    for (const user of users) {
      // ZITADEL looks users up by lowercased login name, so two names differing only in case would collide.
      const lower = user.username.toLowerCase();
      if (loginNames.has(lower))
        ctx.addIssue({ code: "custom", path: [...user.path, "username"], message: `duplicate username "${user.username}"` });
      loginNames.add(lower);
      if (userIds.has(user.id)) ctx.addIssue({ code: "custom", path: [...user.path, "id"], message: `duplicate user id ${user.id}` });
      userIds.add(user.id);
      if (user.orgId !== undefined && !orgIds.has(user.orgId)) {
        ctx.addIssue({ code: "custom", path: [...user.path, "orgId"], message: `unknown org ${user.orgId}` });
      }
    }
    for (const user of users) {
      user.memberships.forEach((membership, j) => {
        if (!orgIds.has(membership.orgId)) {
          ctx.addIssue({ code: "custom", path: [...user.path, "memberships", j, "orgId"], message: `unknown org ${membership.orgId}` });
        }
      });
    }
    // A key id names one key instance-wide; a PAT is looked up by its value alone.
    const keyIds = new Set<string>();
    const keyOwners = [
      ...seed.serviceUsers.map((user, i) => ({ keys: user.keys, path: ["serviceUsers", i, "keys"] })),
      ...seed.apps.map((app, i) => ({ keys: app.keys, path: ["apps", i, "keys"] })),
    ];
    for (const owner of keyOwners) {
      owner.keys.forEach((key, j) => {
        if (keyIds.has(key.keyId))
          ctx.addIssue({ code: "custom", path: [...owner.path, j, "keyId"], message: `duplicate keyId ${key.keyId}` });
        keyIds.add(key.keyId);
      });
    }
    const pats = new Set<string>();
    seed.serviceUsers.forEach((user, i) =>
      user.pats.forEach((pat, j) => {
        if (pats.has(pat.token))
          ctx.addIssue({ code: "custom", path: ["serviceUsers", i, "pats", j, "token"], message: "duplicate PAT token" });
        pats.add(pat.token);
      }),
    );
    const clientIds = new Set<string>();
    const projectAssertion = new Map<string, boolean>();
    seed.apps.forEach((app, i) => {
      if (clientIds.has(app.clientId))
        ctx.addIssue({ code: "custom", path: ["apps", i, "clientId"], message: `duplicate clientId "${app.clientId}"` });
      clientIds.add(app.clientId);
      const assertion = projectAssertion.get(app.projectId);
      if (assertion !== undefined && assertion !== app.assertRolesOnAuthentication) {
        const message = `apps of project ${app.projectId} disagree on assertRolesOnAuthentication (a project setting)`;
        ctx.addIssue({ code: "custom", path: ["apps", i, "assertRolesOnAuthentication"], message });
      }
      projectAssertion.set(app.projectId, app.assertRolesOnAuthentication);
    });
  });

export type Seed = z.infer<typeof seedSchema>;
export type Org = Seed["orgs"][number];
export type ServiceUser = Seed["serviceUsers"][number];
export type Operator = Seed["operators"][number];
export type App = Seed["apps"][number];
export type Faults = NonNullable<ServiceUser["faults"]>;
export type SeedKey = ServiceUser["keys"][number];
export type Pat = ServiceUser["pats"][number];
export type Membership = ServiceUser["memberships"][number];

export class SeedError extends Error {
  override name = "SeedError";
}

export function parseSeed(input: unknown, source = "seed"): Seed {
  const result = seedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new SeedError(`Invalid emulator seed ${source}:\n${problems.join("\n")}`);
}

export function loadSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SeedError(`Cannot read emulator seed ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`Emulator seed ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(json, path);
}

// e2e runs the app on other ports; each extra origin gets the app's callback and post-logout page.
export function withExtraRedirectOrigins(seed: Seed, origins: readonly string[]): Seed {
  if (origins.length === 0) return seed;
  const apps = seed.apps.map((app) => {
    if (app.type !== "oidc") return app;
    const redirectUris = new Set([...app.redirectUris, ...origins.map((o) => `${o}/api/auth/callback/zitadel`)]);
    const postLogout = new Set([...app.postLogoutRedirectUris, ...origins.map((o) => `${o}/login`)]);
    return { ...app, redirectUris: [...redirectUris], postLogoutRedirectUris: [...postLogout] };
  });
  return { ...seed, apps };
}
