import type { App, Operator, Org, Seed, ServiceUser } from "./seed";

// Read-only lookups over the seed, shaped like the queries ZITADEL runs.
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
}

export function createDirectory(seed: Seed): Directory {
  const orgs = new Map(seed.orgs.map((org) => [org.id, org]));
  const machinesByName = new Map(seed.serviceUsers.map((user) => [user.username.toLowerCase(), user]));
  const machinesById = new Map(seed.serviceUsers.map((user) => [user.id, user]));
  const humansByName = new Map(seed.operators.map((user) => [user.username.toLowerCase(), user]));
  const humansById = new Map(seed.operators.map((user) => [user.id, user]));
  const apps = new Map(seed.apps.map((app) => [app.clientId, app]));

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
  };
}

/** The org an operator belongs to: the seeded one, else the first org (ZITADEL's default org). */
export function operatorOrg(directory: Directory, operator: Operator): Org {
  const org = (operator.orgId && directory.orgById(operator.orgId)) || directory.seed.orgs[0];
  if (!org) throw new Error("seed has no orgs");
  return org;
}
