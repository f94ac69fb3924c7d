import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import { hasAccess, type Access } from "@/lib/schemas/roles";
import { getLogger } from "@/lib/server/logger";
import { getStore, type OperatorRow } from "@/lib/server/store";
import { introspectToken } from "@/lib/server/zitadel";
import { issuerKeys } from "@/lib/server/zitadel/discovery";
import { validateBearerToken, type BearerIdentity, type BearerVerifier } from "./bearer-token";
import { effectiveRole, type Operator } from "./sessions";

// Service users calling the API with a bearer token from the console's ZITADEL: operators of kind "machine". Their
// row is refreshed from the token's claims whenever ZITADEL is asked again, and read on every request, so an admin's
// cap or block holds from the next request on, as for a person's session.

/** The machine behind this bearer token (and whether an admin disabled it), or an ApiError for the token itself. */
export async function getMachine(token: string): Promise<{ operator: Operator; isDisabled: boolean }> {
  const identity = await validateBearerToken(token, consoleVerifier(), async (fresh) => {
    await recordMachine(fresh);
  });
  const store = await getStore();
  const row = (await store.operators.getOperator(identity.id)) ?? (await recordMachine(identity));
  if (row.kind !== "machine") throw personToken();
  const operator: Operator = {
    id: row.id,
    kind: "machine",
    name: row.name,
    email: null,
    login: row.login,
    role: effectiveRole(row),
    sessionIdHash: "",
  };
  return { operator, isDisabled: row.isDisabled };
}

/** For a long-lived answer (a stream): is this machine still enabled and allowed `access`? */
export async function isMachineAllowed(id: string, access: Access): Promise<boolean> {
  const row = await (await getStore()).operators.getOperator(id);
  return Boolean(row && row.kind === "machine" && hasAccess(effectiveRole(row), access));
}

async function recordMachine(identity: BearerIdentity): Promise<OperatorRow> {
  const { id, login, name, org, role } = identity;
  const row = await (await getStore()).operators.recordMachine({ id, login, name, org, signInRole: role });
  if (!row) throw personToken();
  return row;
}

function consoleVerifier(): BearerVerifier {
  const env = getEnv();
  const projectId = env.AUTH_ZITADEL_PROJECT_ID;
  if (!projectId) {
    throw new ApiError("unauthorized", "This console does not accept bearer tokens.", {
      hint: "Whoever runs it sets AUTH_ZITADEL_PROJECT_ID to the console's ZITADEL project id; until then, sign in.",
    });
  }
  const issuer = env.AUTH_ZITADEL_ISSUER;
  return {
    issuer,
    projectId,
    keys: async ({ refresh }) => {
      try {
        return await issuerKeys(issuer, { refresh });
      } catch {
        throw zitadelUnreachable();
      }
    },
    introspect: async (token) => {
      const auth = { method: "client_secret", clientId: env.AUTH_ZITADEL_CLIENT_ID, clientSecret: env.AUTH_ZITADEL_CLIENT_SECRET } as const;
      const result = await introspectToken({ issuer, token, auth });
      if (!result.ok) {
        getLogger().warn({ diagnosis: result.diagnosis.code, httpStatus: result.httpStatus }, "bearer token introspection failed");
        throw zitadelUnreachable();
      }
      return result.payload;
    },
  };
}

function zitadelUnreachable(): ApiError {
  return new ApiError("unavailable", "ZITADEL could not be asked whether the bearer token is valid.", {
    hint: "Try again in a few seconds; the server log says what went wrong.",
  });
}

// A person's own token (theirs from some other app) would take over their row: people sign in with the browser.
function personToken(): ApiError {
  return new ApiError("unauthorized", "This bearer token belongs to a person, not a service user.", {
    hint: "People sign in with the browser; scripts use a service user's token.",
  });
}
