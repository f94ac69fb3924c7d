import { randomInt } from "node:crypto";
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { operatorOrg } from "./directory";
import { provisioningErrors } from "./errors";
import { gatewayJson, type Reply } from "./http";
import { nextId } from "./ids";
import { detailsToProto, userToProto, type UserProtoInput } from "./protojson";
import { lengthViolation, type Call } from "./provisioning-call";
import type { Operator, ServiceUser } from "./seed";

// Users over the Management API v1: create a machine user, read it (by id in the org of the request, or by login
// name in every org), its client secret, reactivation. Error ids are ZITADEL's (errors.ts).

const ACCESS_TOKEN_TYPES = ["ACCESS_TOKEN_TYPE_BEARER", "ACCESS_TOKEN_TYPE_JWT"] as const;

export const createMachineUserBody = z.object({
  userName: z.string().default(""),
  name: z.string().default(""),
  description: z.string().default(""),
  // protojson takes an enum by name or by number.
  accessTokenType: z
    .union([z.enum(ACCESS_TOKEN_TYPES), z.literal(0), z.literal(1)])
    .default("ACCESS_TOKEN_TYPE_BEARER")
    .transform((value) => (typeof value === "number" ? ACCESS_TOKEN_TYPES[value] : value)),
});

export function createMachineUser(ctx: EmulatorContext, call: Call<z.infer<typeof createMachineUserBody>>): Reply {
  const { userName, name, description, accessTokenType } = call.body;
  const invalid =
    lengthViolation("AddMachineUserRequest", "UserName", userName, 1, 200) ??
    lengthViolation("AddMachineUserRequest", "Name", name, 1, 200) ??
    lengthViolation("AddMachineUserRequest", "Description", description, 0, 500);
  if (invalid) return invalid;
  // The username is unique in the instance (the default domain policy), compared lowercased, humans included.
  if (ctx.directory.userByLoginName(userName)) return provisioningErrors.userAlreadyExists();

  const now = new Date().toISOString();
  const user: ServiceUser = {
    id: nextId(),
    username: userName,
    name,
    ...(description ? { description } : {}),
    orgId: call.org.id,
    secret: null,
    accessTokenType,
    state: "active",
    createdAt: now,
    changedAt: now,
    memberships: [],
    keys: [],
    pats: [],
  };
  ctx.directory.addServiceUser(user);
  const details = detailsToProto({ sequence: ctx.directory.sequence(user.id), changeDate: now, resourceOwner: user.orgId });
  return gatewayJson(200, { userId: user.id, details });
}

export function getUserById(ctx: EmulatorContext, call: Call): Reply {
  const found = userInOrg(ctx, call.params[0] ?? "", call.org.id);
  return found ? gatewayJson(200, { user: userToProto(userProto(ctx, found)) }) : provisioningErrors.userNotFound();
}

/** Auth API GetMyUser: the caller itself, whichever org the request names (the Auth API acts as the token's user). */
export function getMyUser(ctx: EmulatorContext, call: Call): Reply {
  const found = userInOrg(ctx, call.caller.id, call.caller.orgId);
  return found ? gatewayJson(200, { user: userToProto(userProto(ctx, found)) }) : provisioningErrors.userNotFound();
}

/** "Global": found in any org; `details.resourceOwner` names the user's org for the calls that follow. */
export function findUserByLoginName(ctx: EmulatorContext, call: Call): Reply {
  const loginName = call.url.searchParams.get("loginName") ?? call.url.searchParams.get("login_name") ?? "";
  const invalid = lengthViolation("GetUserByLoginNameGlobalRequest", "LoginName", loginName, 1, 200);
  if (invalid) return invalid;
  const found = ctx.directory.userByLoginName(loginName);
  return found ? gatewayJson(200, { user: userToProto(userProto(ctx, found)) }) : provisioningErrors.userNotFound();
}

/**
 * Replaces the secret at once; the token endpoint learns the new one only after the propagation delay. The user is
 * read first in every org: unknown is QUERY-Dfbg2, another org's MANAG-fpo4B; only a human user reaches the command.
 */
export function generateSecret(ctx: EmulatorContext, call: Call): Reply {
  const id = call.params[0] ?? "";
  const anywhere = ctx.directory.serviceUserById(id) ?? ctx.directory.operatorById(id);
  if (!anywhere) return provisioningErrors.userNotFound();
  const found = userInOrg(ctx, id, call.org.id);
  if (!found) return provisioningErrors.userOfOtherOrg();
  if (found.kind !== "machine") return provisioningErrors.userNotExisting("COMMAND-x8910n");
  const user = found.user;
  const secret = randomSecret();
  const now = new Date().toISOString();
  ctx.directory.setSecret(user, secret, Date.now() + ctx.secretPropagationMs);
  user.changedAt = now;
  const details = detailsToProto({ sequence: ctx.directory.nextSequence(user.id), creationDate: now, resourceOwner: user.orgId });
  return gatewayJson(200, { clientId: user.username, clientSecret: secret, details });
}

export function removeSecret(ctx: EmulatorContext, call: Call): Reply {
  const user = machineInOrg(ctx, call.params[0] ?? "", call.org.id);
  if (!user) return provisioningErrors.userNotExisting("COMMAND-x7s802");
  if (user.secret === null) return provisioningErrors.secretNotExisting();
  ctx.directory.setSecret(user, null, 0);
  return changed(ctx, user.id, user.orgId, (now) => (user.changedAt = now));
}

export function reactivateUser(ctx: EmulatorContext, call: Call): Reply {
  const found = userInOrg(ctx, call.params[0] ?? "", call.org.id);
  if (!found) return provisioningErrors.reactivateUserNotFound();
  // Operators are always active here.
  if (found.kind === "human" || found.user.state !== "inactive") return provisioningErrors.userNotInactive();
  const user = found.user;
  user.state = "active";
  return changed(ctx, user.id, user.orgId, (now) => (user.changedAt = now));
}

type FoundUser = { kind: "machine"; user: ServiceUser } | { kind: "human"; user: Operator };

/** ZITADEL scopes these calls to the org of the request: a user of another org does not exist there. */
function userInOrg(ctx: EmulatorContext, id: string, orgId: string): FoundUser | undefined {
  const machine = ctx.directory.serviceUserById(id);
  if (machine) return machine.orgId === orgId ? { kind: "machine", user: machine } : undefined;
  const human = ctx.directory.operatorById(id);
  return human && operatorOrg(ctx.directory, human).id === orgId ? { kind: "human", user: human } : undefined;
}

function machineInOrg(ctx: EmulatorContext, id: string, orgId: string): ServiceUser | undefined {
  const found = userInOrg(ctx, id, orgId);
  return found?.kind === "machine" ? found.user : undefined;
}

function changed(ctx: EmulatorContext, userId: string, orgId: string, touch: (now: string) => void): Reply {
  const now = new Date().toISOString();
  touch(now);
  return gatewayJson(200, {
    details: detailsToProto({ sequence: ctx.directory.nextSequence(userId), changeDate: now, resourceOwner: orgId }),
  });
}

function userProto(ctx: EmulatorContext, found: FoundUser): UserProtoInput {
  if (found.kind === "human") {
    const org = operatorOrg(ctx.directory, found.user);
    return {
      id: found.user.id,
      username: found.user.username,
      details: {
        sequence: ctx.directory.sequence(found.user.id),
        creationDate: org.createdAt,
        changeDate: org.createdAt,
        resourceOwner: org.id,
      },
      state: "active",
      human: { displayName: found.user.name, email: found.user.email },
    };
  }
  const user = found.user;
  const created = user.createdAt ?? user.changedAt ?? ctx.directory.orgById(user.orgId)?.createdAt;
  return {
    id: user.id,
    username: user.username,
    details: {
      sequence: ctx.directory.sequence(user.id),
      creationDate: created,
      changeDate: user.changedAt ?? created,
      resourceOwner: user.orgId,
    },
    state: user.state,
    machine: { name: user.name, description: user.description, hasSecret: user.secret !== null, accessTokenType: user.accessTokenType },
  };
}

// ZITADEL's client-secret generator: 64 characters of upper and lower case letters and digits.
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomSecret(): string {
  return Array.from({ length: 64 }, () => SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)]).join("");
}
