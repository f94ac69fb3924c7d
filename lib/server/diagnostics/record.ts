import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { auditEntry } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { countRun } from "@/lib/server/metrics";
import { getStore, type CredentialRow, type TestKind } from "@/lib/server/store";

// Every test leaves a test_runs row (history on the credential) and an audit row; neither ever holds a token.

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
}

export async function recordRun(context: RequestContext, run: RunRecord): Promise<void> {
  const store = await getStore();
  const { credential, diagnosis } = run;
  countRun({ kind: run.kind, issuer: credential.issuer, diagnosisCode: diagnosis?.code ?? null, latencyMs: run.latencyMs });
  await Promise.all([
    store.recordTestRun({
      credentialId: credential.id,
      kind: run.kind,
      actor: context.operator.id,
      actorName: context.operator.name,
      outcome: diagnosis?.code ?? "ok",
      httpStatus: run.httpStatus,
      latencyMs: run.latencyMs,
      orgId: run.orgId ?? null,
      orgName: run.orgName ?? null,
      cached: run.cached,
    }),
    store.appendAudit(
      auditEntry(context, run.kind === "token" ? "token.test" : "org.lookup", {
        target: credential,
        outcome: diagnosis ? "failure" : "success",
        httpStatus: run.httpStatus,
        detail: { ...(diagnosis ? { diagnosis: diagnosis.code } : {}), cached: run.cached, ...run.detail },
      }),
    ),
  ]);
}
