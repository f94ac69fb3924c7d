import { createPublicKey, type KeyObject } from "node:crypto";
import { nextId } from "./ids";
import type { App, Operator, Org, Pat, Seed, SeedKey, ServiceUser } from "./seed";

export interface SeededPat {
  user: ServiceUser;
  pat: Pat;
  /** The PAT's id (introspection's jti). */
  tokenId: string;
  /** Epoch seconds: the seed does not say when a PAT was made, so the emulator's start (or its expiry, if earlier). */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

/** A public key for verifying JWT assertions, owned by a service user or an app. */
export interface AuthnKey {
  keyId: string;
  publicKey: KeyObject;
  /** Epoch seconds; ZITADEL ignores a key from this moment on. */
  expiresAt: number;
}

// Lookups over the seed, shaped like the queries ZITADEL runs. Users, memberships, secrets and states change at
// run time (Management API, test hooks): objects are changed in place, new users join the same maps, so every
// endpoint sees a change at once.
export interface Directory {
  readonly seed: Seed;
  orgById(id: string): Org | undefined;
  /** ZITADEL's GetUserByLoginName: lowercased, the whole input must equal the username. */
  userByLoginName(loginName: string): { kind: "machine"; user: ServiceUser } | { kind: "human"; user: Operator } | undefined;
  serviceUserById(id: string): ServiceUser | undefined;
  operatorById(id: string): Operator | undefined;
  /** The login form accepts the username or the email address, case-insensitively. */
  operatorByLogin(login: string): Operator | undefined;
  appByClientId(clientId: string): App | undefined;
  /** ZITADEL's GetAuthNKeyUser: the key must belong to that user (key ids are looked up per owner). */
  serviceUserKey(userId: string, keyId: string): AuthnKey | undefined;
  /** An app's key for private_key_jwt client authentication. */
  appKey(clientId: string, keyId: string): AuthnKey | undefined;
  /** A personal access token, expired or not, and its owner. */
  patByToken(token: string): SeededPat | undefined;
  /** A service user's personal access tokens, in seed order. */
  patsOf(userId: string): SeededPat[];
  /** A service user made over the Management API; its username and id must be free. */
  addServiceUser(user: ServiceUser): void;
  /** Replaces the user's secret; the token endpoint answers Secret.NotExisting for it until `visibleAt` (epoch ms). */
  setSecret(user: ServiceUser, secret: string | null, visibleAt: number): void;
  /** Epoch ms from which the current secret is accepted; 0 when it always was. */
  secretVisibleAt(userId: string): number;
  /** The next event sequence of a user or org aggregate (ZITADEL counts per aggregate). */
  nextSequence(aggregateId: string): number;
  /** The latest event sequence of a user or org aggregate. */
  sequence(aggregateId: string): number;
  /** Every aggregate's latest sequence, for the state file. */
  sequences(): Record<string, number>;
}

/** `savedSequences`: the aggregates' latest sequences from a saved state. */
export function createDirectory(seed: Seed, savedSequences: Record<string, number> = {}): Directory {
  const orgs = new Map(seed.orgs.map((org) => [org.id, org]));
  const machinesByName = new Map(seed.serviceUsers.map((user) => [user.username.toLowerCase(), user]));
  const machinesById = new Map(seed.serviceUsers.map((user) => [user.id, user]));
  const humansByName = new Map(seed.operators.map((user) => [user.username.toLowerCase(), user]));
  const humansById = new Map(seed.operators.map((user) => [user.id, user]));
  const apps = new Map(seed.apps.map((app) => [app.clientId, app]));
  const userKeys = new Map(seed.serviceUsers.flatMap((user) => user.keys.map((key) => [`${user.id}/${key.keyId}`, authnKey(key)])));
  const appKeys = new Map(seed.apps.flatMap((app) => app.keys.map((key) => [`${app.clientId}/${key.keyId}`, authnKey(key)])));
  const loadedAt = Math.floor(Date.now() / 1000);
  const pats = new Map(
    seed.serviceUsers.flatMap((user) =>
      user.pats.map((pat): [string, SeededPat] => {
        const expiresAt = Math.floor(Date.parse(pat.expirationDate) / 1000);
        return [pat.token, { user, pat, tokenId: nextId(), issuedAt: Math.min(loadedAt, expiresAt), expiresAt }];
      }),
    ),
  );

  const secretsVisibleAt = new Map<string, number>();
  // Seeded users were added (sequence 1); seeded orgs carry their own sequence.
  const sequences = new Map<string, number>([
    ...seed.orgs.map((org): [string, number] => [org.id, org.sequence]),
    ...Object.entries(savedSequences),
  ]);
  const sequence = (aggregateId: string) => sequences.get(aggregateId) ?? 1;

  return {
    seed,
    orgById: (id) => orgs.get(id),
    userByLoginName(loginName) {
      const lower = loginName.toLowerCase();
      const machine = machinesByName.get(lower);
      if (machine) return { kind: "machine", user: machine };
      const human = humansByName.get(lower);
      return human ? { kind: "human", user: human } : undefined;
    },
    serviceUserById: (id) => machinesById.get(id),
    operatorById: (id) => humansById.get(id),
    operatorByLogin(login) {
      const lower = login.trim().toLowerCase();
      return humansByName.get(lower) ?? seed.operators.find((op) => op.email.toLowerCase() === lower);
    },
    appByClientId: (clientId) => apps.get(clientId),
    serviceUserKey: (userId, keyId) => userKeys.get(`${userId}/${keyId}`),
    appKey: (clientId, keyId) => appKeys.get(`${clientId}/${keyId}`),
    patByToken: (token) => pats.get(token),
    patsOf: (userId) => [...pats.values()].filter((seeded) => seeded.user.id === userId),
    addServiceUser(user) {
      const lower = user.username.toLowerCase();
      if (machinesByName.has(lower) || humansByName.has(lower) || machinesById.has(user.id)) {
        throw new Error(`user ${user.username} (${user.id}) exists`);
      }
      seed.serviceUsers.push(user);
      machinesByName.set(lower, user);
      machinesById.set(user.id, user);
    },
    setSecret(user, secret, visibleAt) {
      user.secret = secret;
      secretsVisibleAt.set(user.id, visibleAt);
    },
    secretVisibleAt: (userId) => secretsVisibleAt.get(userId) ?? 0,
    nextSequence(aggregateId) {
      const next = sequence(aggregateId) + 1;
      sequences.set(aggregateId, next);
      return next;
    },
    sequence,
    sequences: () => Object.fromEntries(sequences),
  };
}

function authnKey(key: SeedKey): AuthnKey {
  return { keyId: key.keyId, publicKey: createPublicKey(key.publicKey), expiresAt: Math.floor(Date.parse(key.expirationDate) / 1000) };
}

/** The org an operator belongs to: the seeded one, else the first org (ZITADEL's default org). */
export function operatorOrg(directory: Directory, operator: Operator): Org {
  const org = (operator.orgId && directory.orgById(operator.orgId)) || directory.seed.orgs[0];
  if (!org) throw new Error("seed has no orgs");
  return org;
}
