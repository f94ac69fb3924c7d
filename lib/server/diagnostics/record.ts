import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { notifyIssuerChange, notifyStatusChange, type StatusChange } from "@/lib/server/alerts";
import { auditEntry } from "@/lib/server/audit";
import type { HealthInput } from "@/lib/server/health";
import { countRun } from "@/lib/server/metrics";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type AuditEntry, type CredentialRow, type HealthChange, type IssuerChange, type TestKind } from "@/lib/server/store";
import { isIssuerUnavailable } from "@/lib/server/zitadel";

// Every test leaves a test_runs row (history on the credential), the credential's new health and an audit row, in
// one transaction; none ever holds a token. A change of status goes to the alerts.

/** The outcome of a check that verified nothing; the history says so rather than "OK". */
const NOT_CHECKED = "not_checked";

export interface RunRecord {
  kind: TestKind;
  credential: CredentialRow;
  diagnosis?: Diagnosis;
  httpStatus: number | null;
  latencyMs: number | null;
  cached: boolean;
  orgId?: string | null;
  orgName?: string | null;
  detail?: Record<string, unknown>;
  /** The service user's login name, when ZITADEL named it in this check (kept on the credential). */
  serviceUser?: string | null;
  /** Nothing was verified (a PAT's token test with no known expiry): recorded, but the health stays as it was. */
  isUnverified?: boolean;
  /** Takes the status change instead of alerting, for a caller that alerts once for a series of tries. */
  holdAlert?: (change: StatusChange) => void;
  /** Nobody asked for it (a page's own lookup): no history row, and audited once a while (see recordQuietCheck). */
  isAutomatic?: boolean;
}

// An automatic check is audited at most once per credential in this window, and whenever it changes the status.
const AUTOMATIC_AUDIT_INTERVAL_MS = 15 * 60 * 1000;

export async function recordRun(context: RequestContext, run: RunRecord): Promise<void> {
  const { credential, diagnosis } = run;
  countRun({ kind: run.kind, issuer: credential.issuer, diagnosisCode: diagnosis?.code ?? null, latencyMs: run.latencyMs });
  const audit = auditEntry(context, run.kind === "token" ? "token.test" : "org.lookup", {
    target: credential,
    outcome: diagnosis ? "failure" : "success",
    httpStatus: run.httpStatus,
    detail: { ...(diagnosis ? { diagnosis: diagnosis.code } : {}), cached: run.cached, ...run.detail },
  });
  const health = run.isUnverified ? null : healthInputOf(run);
  const { at, change, issuerChange } =
    run.isAutomatic && health
      ? await (
          await getStore()
        ).testRuns.recordQuietCheck(credential.id, audit, health, {
          auditAfter: new Date(Date.now() - AUTOMATIC_AUDIT_INTERVAL_MS).toISOString(),
        })
      : await recordWithHistory(context, run, audit, health);
  if (change) {
    (run.holdAlert ?? notifyStatusChange)({
      credential: { id: credential.id, label: credential.label, issuer: credential.issuer, clientId: credential.clientId },
      from: change.from,
      to: change.to,
      ...(diagnosis && change.to !== "working" ? { diagnosis } : {}),
      at,
    });
  }
  if (issuerChange) {
    notifyIssuerChange({
      issuer: issuerChange.issuer,
      to: issuerChange.to,
      since: issuerChange.since,
      at,
      ...(diagnosis && issuerChange.to === "unavailable" ? { diagnosis } : {}),
      foundBy: { id: credential.id, clientId: credential.clientId },
    });
  }
}

async function recordWithHistory(
  context: RequestContext,
  run: RunRecord,
  audit: AuditEntry,
  health: HealthInput | null,
): Promise<{ at: string; change: HealthChange | null; issuerChange: IssuerChange | null }> {
  const { credential, diagnosis } = run;
  const learned = run.serviceUser && run.serviceUser !== credential.serviceUser ? { serviceUser: run.serviceUser } : {};
  const testRun = {
    credentialId: credential.id,
    kind: run.kind,
    actor: context.operator.id,
    actorName: context.operator.name,
    outcome: diagnosis?.code ?? (run.isUnverified ? NOT_CHECKED : "ok"),
    httpStatus: run.httpStatus,
    latencyMs: run.latencyMs,
    orgId: run.orgId ?? null,
    orgName: run.orgName ?? null,
    cached: run.cached,
    // Kept so a report made later from the history names the log line and ZITADEL's error as the live answer did.
    requestId: context.requestId,
    upstreamError: diagnosis?.upstreamError ?? null,
  };
  const recorded = await (await getStore()).testRuns.recordCheck(testRun, audit, health, learned);
  return { at: recorded.run.at, change: recorded.change, issuerChange: recorded.issuerChange };
}

// A token test speaks for the token part only. An org lookup that failed before orgs/me (detail.stage "token")
// is a token result; one that reached orgs/me also says the token worked, and names the org when it answered.
// An issuer in trouble speaks for no part: it would have answered any credential the same.
export function healthInputOf(run: Pick<RunRecord, "kind" | "diagnosis" | "orgId" | "orgName" | "detail">): HealthInput {
  if (run.diagnosis && isIssuerUnavailable(run.diagnosis)) return { issuerUnavailable: run.diagnosis.code };
  const code = run.diagnosis?.code ?? "ok";
  if (run.kind === "token" || run.detail?.stage === "token") return { token: code };
  if (run.diagnosis) return { token: "ok", org: { ok: false, code } };
  return { token: "ok", org: { ok: true, id: run.orgId ?? "", name: run.orgName ?? "" } };
}
