import "server-only";
import { ApiError } from "@/lib/api-error";
import type { Diagnosis, DiagnosisCode } from "@/lib/schemas/diagnostics";
import { actionStepNames, type CredentialAction, type CredentialActionResult } from "@/lib/schemas/provisioning";
import { recordAudit } from "@/lib/server/audit";
import { replaceSecret } from "@/lib/server/credentials";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { runOrgLookup } from "@/lib/server/diagnostics";
import { limitTests } from "@/lib/server/limits";
import type { RequestContext } from "@/lib/server/request-context";
import type { CredentialRow } from "@/lib/server/store";
import { findUserByLoginName, generateSecret, getUser, makeDiagnosis, reactivateUser, type MachineUser } from "@/lib/server/zitadel";
import { resolveAuthority } from "./authorities";
import { callZitadel, type CallScope } from "./call-zitadel";
import { grantManagerRole } from "./grant-role";
import { triesDetail, waitForToken } from "./wait-for-token";

// "Fix it for me" on a registered credential, synchronously, step by step: rotate its secret in ZITADEL, grant its
// service user a manager role, or reactivate it. The token test and org lookup at the end are the ordinary ones, so
// history, health, audit and alerts follow. A rotated secret's plaintext lives only in this call, until it is sealed.

type ActionStep = CredentialActionResult["steps"][number];
type StepName = (typeof actionStepNames)[number];
type StepOutcome = { ok: true; detail: string; attempts?: number } | { ok: false; diagnosis: Diagnosis; attempts?: number };

const NOT_INACTIVE = 9;

/** The steps as they ran; `run` records one and says whether to go on. */
class StepLog {
  readonly steps: ActionStep[] = [];
  async run(name: StepName, work: () => Promise<StepOutcome>): Promise<boolean> {
    const outcome = await work();
    const finishedAt = new Date().toISOString();
    const attempts = outcome.attempts ?? 1;
    this.steps.push(
      outcome.ok
        ? { name, state: "done", detail: outcome.detail, diagnosis: null, attempts, finishedAt }
        : { name, state: "failed", detail: outcome.diagnosis.title, diagnosis: outcome.diagnosis, attempts, finishedAt },
    );
    return outcome.ok;
  }
}

export async function runCredentialAction(
  context: RequestContext,
  credentialId: string,
  action: CredentialAction,
): Promise<CredentialActionResult> {
  const credential = await requireCredentialRow(credentialId);
  if (action.action === "rotate_secret" && credential.kind !== "client_secret") {
    throw new ApiError("validation_failed", "Only a client-secret credential can have its secret rotated in ZITADEL.");
  }
  const authority = await resolveAuthority(context, action.authority, credential.issuer);
  await limitTests(context, credential);
  const log = new StepLog();
  const scope: CallScope = { authority, orgId: credential.orgId, target: credential };
  let user: MachineUser | null = null;
  await log.run("find_user", async () => {
    const found = await findUser(context, scope, credential);
    if (!found.ok) return found;
    user = found.data;
    return { ok: true, detail: `Found ${found.data.userName} (id ${found.data.id})${found.data.isActive ? "" : ", deactivated"}` };
  });
  const found = user as MachineUser | null;
  // Calls about the user go to its own org, wherever the lookup found it.
  const userScope: CallScope = { ...scope, orgId: found?.orgId ?? credential.orgId };
  const fixed = found !== null && (await runAction(context, userScope, credential, action, found, log));

  await recordAudit(context, "credential.zitadel_action", {
    target: credential,
    outcome: fixed ? "success" : "failure",
    detail: {
      action: action.action,
      authority: authority.kind,
      ...(action.action === "grant_role" ? { role: action.role } : {}),
      ...(fixed ? {} : { failedStep: log.steps.at(-1)?.name, diagnosis: log.steps.at(-1)?.diagnosis?.code }),
    },
  });
  return { action: action.action, outcome: fixed ? "fixed" : "failed", steps: log.steps };
}

async function runAction(
  context: RequestContext,
  scope: CallScope,
  credential: CredentialRow,
  action: CredentialAction,
  user: MachineUser,
  log: StepLog,
): Promise<boolean> {
  if (action.action === "rotate_secret") {
    let secret: string | null = null;
    const rotated =
      (await log.run("generate_secret", async () => {
        const generated = await callZitadel(context, scope, (connection) => generateSecret(connection, user.id));
        if (!generated.ok) return generated;
        secret = generated.data.clientSecret;
        return { ok: true, detail: "ZITADEL generated a new secret; the old one stopped working" };
      })) &&
      (await log.run("store_secret", async () => {
        try {
          const current = await requireCredentialRow(credential.id);
          await replaceSecret(context, credential.id, { version: current.version, clientSecret: secret ?? "" });
          return { ok: true, detail: "Sealed the new secret in place of the old one" };
        } finally {
          secret = null;
        }
      }));
    return (
      rotated &&
      (await testToken(context, credential, log, ["secret_not_ready", "invalid_secret"])) &&
      (await lookupOrg(context, credential, log))
    );
  }
  if (action.action === "grant_role") {
    const granted = await log.run("grant_role", async () => {
      const outcome = await grantManagerRole(context, scope, user.id, action.role);
      return outcome.ok ? { ok: true, detail: outcome.data.detail } : outcome;
    });
    return granted && (await lookupOrg(context, credential, log));
  }
  const reactivated = await log.run("reactivate", async () => {
    const outcome = await callZitadel(context, scope, (connection) => reactivateUser(connection, user.id));
    if (outcome.ok) return { ok: true, detail: "Reactivated the service user" };
    if (outcome.grpcCode === NOT_INACTIVE) return { ok: true, detail: "The service user was active already" };
    return outcome;
  });
  return reactivated && (await testToken(context, credential, log, ["user_inactive"])) && (await lookupOrg(context, credential, log));
}

// A client secret's client ID is the user's login name; a key file names its user's id. A PAT names neither.
async function findUser(context: RequestContext, scope: CallScope, credential: CredentialRow) {
  if (credential.kind === "jwt_profile" && credential.keyUserId) {
    const userId = credential.keyUserId;
    return callZitadel(context, scope, (connection) => getUser(connection, userId));
  }
  if (credential.kind === "pat") {
    const explanation = "A personal access token does not say which service user it belongs to, so the console cannot find it in ZITADEL.";
    return { ok: false as const, diagnosis: makeDiagnosis("user_not_found", { explanation }), grpcCode: null };
  }
  return callZitadel(context, { ...scope, orgId: null }, (connection) => findUserByLoginName(connection, credential.clientId));
}

function testToken(context: RequestContext, credential: CredentialRow, log: StepLog, retryOn: DiagnosisCode[]): Promise<boolean> {
  return log.run("test_token", async () => {
    const waited = await waitForToken(context, credential.id, retryOn);
    if (waited.ok) return { ok: true, detail: triesDetail(waited.attempts), attempts: waited.attempts };
    return { ok: false, diagnosis: waited.diagnosis ?? makeDiagnosis("unknown"), attempts: waited.attempts };
  });
}

function lookupOrg(context: RequestContext, credential: CredentialRow, log: StepLog): Promise<boolean> {
  return log.run("lookup_org", async () => {
    try {
      const result = await runOrgLookup(context, { credentialId: credential.id, partOfRun: true });
      if (result.org) return { ok: true, detail: `Sees its organization ${result.org.name} (${result.org.id})` };
      return { ok: false, diagnosis: result.diagnosis ?? makeDiagnosis("unknown") };
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "rate_limited") throw error;
      return { ok: false, diagnosis: makeDiagnosis("rate_limited", { explanation: error.message, retryable: true }) };
    }
  });
}
