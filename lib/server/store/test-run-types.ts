import type { AuditEntry } from "./audit-types";
import type { HealthChange, HealthInput } from "./health-rule";
import type { IssuerChange } from "./issuer-outage-store";

// Token and org tests in the store: each run recorded, and a check's run, health and audit row written together.

export type TestKind = "token" | "org";

export interface TestRunRow {
  id: string;
  credentialId: string;
  kind: TestKind;
  at: string;
  actor: string;
  actorName: string | null;
  outcome: string; // "ok" or a diagnosis code
  httpStatus: number | null;
  latencyMs: number | null;
  orgId: string | null;
  orgName: string | null;
  cached: boolean;
  /** The request that ran the check (its log line and audit row carry it); null before it was kept. */
  requestId: string | null;
  /** ZITADEL's error (an OAuth error or an error id such as AUTH-7fs1e) and its description, when the check failed with one. */
  upstreamError: { error: string; description?: string } | null;
}

export type NewTestRun = Omit<TestRunRow, "id" | "at" | "requestId" | "upstreamError"> &
  Partial<Pick<TestRunRow, "requestId" | "upstreamError">> & { at?: string };

/** What a check learnt about the credential besides its health (no version bump: nobody changed the credential). */
export interface CheckLearned {
  /** The service user's login name, as ZITADEL named it. */
  serviceUser?: string;
}

export interface TestRunStore {
  record(run: NewTestRun): Promise<TestRunRow>;
  /**
   * Records one check: the test run, the credential's new health and the audit row, in one transaction (the
   * credential's row locked on PostgreSQL, so two instances checking it at once report one change, not two).
   * `change` is non-null when the checked status changed; `issuerChange` when this check found the credential's issuer
   * newly unavailable, or found it answering again with none of its credentials left unavailable. Throws
   * StoreNotFoundError when the credential is gone.
   */
  recordCheck(
    run: NewTestRun,
    audit: AuditEntry,
    health: HealthInput | null,
    learned?: CheckLearned,
  ): Promise<{ run: TestRunRow; change: HealthChange | null; issuerChange: IssuerChange | null }>;
  /**
   * A check nobody asked for (a page's own lookup): the health and outage as recordCheck leaves them, but no test run,
   * and the audit row only when the status changed or the credential has none of this action since `auditAfter`.
   */
  recordQuietCheck(
    credentialId: string,
    audit: AuditEntry,
    health: HealthInput,
    options: { auditAfter: string; at?: string },
  ): Promise<{ at: string; change: HealthChange | null; issuerChange: IssuerChange | null; isAudited: boolean }>;
  /** The credential's newest runs first. */
  list(credentialId: string, limit?: number): Promise<TestRunRow[]>;
}
