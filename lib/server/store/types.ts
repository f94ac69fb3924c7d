// The store's contract. Two drivers implement it (SQLite, PostgreSQL) over the same migrations.
// Rows hold secrets only as AES-256-GCM envelopes; the store never sees plaintext.

import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { brandedError } from "@/lib/branded-error";
import type { AuthMethod, CredentialKind } from "@/lib/schemas/credential";
import type { AlertOutboxStore } from "./alert-outbox-types";
import type { AuditChainHead, AuditChainReport, AuditEntry, AuditRow, ListAuditQuery } from "./audit-types";
import type { CheckRunStore } from "./check-run-types";
import type {
  CredentialFilter,
  CredentialName,
  CredentialPatch,
  CredentialRow,
  CredentialWithLastTest,
  HealthCountsRow,
  ListCredentialsQuery,
} from "./credential-types";
import type { HealthChange, HealthInput } from "./health-rule";
import type { IntrospectionClientStore } from "./introspection-client-types";
import type { JobStore } from "./job-types";
import type { OperatorStore } from "./operator-types";
import type { ProvisioningStore } from "./provisioning-types";
import type { SecretEnvelopeRow } from "./secret-types";
import type { CheckLearned, NewTestRun, TestRunRow } from "./test-run-types";
import type { CachedTokenRow } from "./token-cache-types";

export type * from "./alert-outbox-types";
export type * from "./audit-types";
export type * from "./check-run-types";
export type * from "./credential-types";
export type * from "./introspection-client-types";
export type * from "./job-types";
export type * from "./operator-types";
export type * from "./provisioning-types";
export type * from "./secret-types";
export type * from "./test-run-types";
export type * from "./token-cache-types";

// Defined once, beside the schema that validates it; re-exported so the drivers keep importing from here.
export type { AuthMethod, CredentialKind };
export type { HealthChange, HealthInput };

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** The connection under the store. Shared, not a second one: the rate limiter keeps its counters in the same database. */
export type StoreConnection = { driver: "sqlite"; database: BetterSqlite3.Database } | { driver: "postgres"; pool: pg.Pool };

export interface Store {
  readonly driver: "sqlite" | "postgres";
  readonly operators: OperatorStore;
  readonly introspectionClients: IntrospectionClientStore;
  readonly checkRuns: CheckRunStore;
  readonly alertOutbox: AlertOutboxStore;
  readonly jobs: JobStore;
  readonly provisioning: ProvisioningStore;
  readonly connection: StoreConnection;

  /** `total` is counted on the first page only (no cursor) and null on later pages. */
  listCredentials(query: ListCredentialsQuery): Promise<Omit<Page<CredentialWithLastTest>, "total"> & { total: number | null }>;
  /** One credential with its last test and health, as the list shows it; null when there is none. */
  getCredentialWithLastTest(id: string): Promise<CredentialWithLastTest | null>;
  /** Every id the list's filters leave, in id order: what "the filter shows", for test-all runs. */
  listCredentialIds(query: CredentialFilter): Promise<string[]>;
  /** Per status (the status filter left out) and per last known org (the org filter left out), largest first. */
  countCredentialHealth(query: CredentialFilter, options?: { orgLimit?: number }): Promise<HealthCountsRow>;
  /** The credential registered for this client ID at this issuer, or null. */
  findCredentialByClientId(issuer: string, clientId: string): Promise<CredentialName | null>;
  /** The credential holding this key at this issuer, or null. */
  findCredentialByKeyId(issuer: string, keyId: string): Promise<CredentialName | null>;
  /** Every issuer a credential is registered at, sorted. */
  listIssuers(): Promise<string[]>;
  /** Every credential, or those of `ids` that exist, oldest first. */
  listCredentialNames(ids?: readonly string[]): Promise<CredentialName[]>;
  listTags(): Promise<string[]>;
  getCredential(id: string): Promise<CredentialRow | null>;
  /** Inserts the row and its audit entry in one transaction. Throws StoreConflictError("duplicate") on (issuer, clientId). */
  createCredential(row: CredentialRow, audit: AuditEntry): Promise<CredentialRow>;
  /** Compare-and-set on version. Throws StoreNotFoundError, StoreConflictError("version") or StoreConflictError("duplicate"). */
  updateCredential(id: string, expectedVersion: number, patch: CredentialPatch, audit: AuditEntry): Promise<CredentialRow>;
  /**
   * Records what ZITADEL said about a PAT's expiry (introspection). Learned, not edited: the version stays, so an
   * operator's open edit form does not conflict with it.
   */
  recordPatExpiry(id: string, expiresAt: string): Promise<void>;
  /** Records the service user's login name as ZITADEL named it (introspection); learned like the PAT's expiry. */
  recordServiceUser(id: string, serviceUser: string): Promise<void>;
  /** Throws StoreNotFoundError or StoreConflictError("version") when expectedVersion is given and stale. */
  deleteCredential(id: string, expectedVersion: number | null, audit: AuditEntry): Promise<void>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(query: ListAuditQuery): Promise<Page<AuditRow>>;
  /** Checks that no audit row was changed or removed since it was written, nor since `recorded` was printed. */
  verifyAuditChain(recorded?: AuditChainHead): Promise<AuditChainReport>;

  recordTestRun(run: NewTestRun): Promise<TestRunRow>;
  /**
   * Records one check: the test run, the credential's new health and the audit row, in one transaction (the
   * credential's row locked on PostgreSQL, so two instances checking it at once report one change, not two).
   * `change` is non-null when the checked status changed. Throws StoreNotFoundError when the credential is gone.
   */
  recordCheck(
    run: NewTestRun,
    audit: AuditEntry,
    health: HealthInput | null,
    learned?: CheckLearned,
  ): Promise<{ run: TestRunRow; change: HealthChange | null }>;
  listTestRuns(credentialId: string, limit?: number): Promise<TestRunRow[]>;

  getCachedToken(credentialId: string, scopeKey: string): Promise<CachedTokenRow | null>;
  putCachedToken(row: CachedTokenRow): Promise<void>;
  deleteCachedTokens(credentialId: string): Promise<void>;
  /** Empties the whole token cache (key rotation: tokens are re-obtainable, so they are dropped, not re-wrapped). Returns rows removed. */
  purgeTokenCache(): Promise<number>;

  /** Key rotation: credentials that hold a secret envelope, in id order after `afterId`. */
  listSecretEnvelopes(afterId: string | null, limit: number): Promise<SecretEnvelopeRow[]>;
  /** Replaces an envelope only if it still equals `expected` (no version bump: the secret did not change). */
  rewrapSecret(id: string, expected: string, next: string): Promise<boolean>;

  close(): Promise<void>;
}

// Branded: the store (one per process) throws the copy of whichever route opened it.
export class StoreNotFoundError extends brandedError("StoreNotFoundError") {
  constructor(message = "not found") {
    super(message);
  }
}

export class StoreConflictError extends brandedError("StoreConflictError") {
  readonly reason: "duplicate" | "version";
  constructor(reason: "duplicate" | "version", message?: string) {
    super(
      message ??
        (reason === "duplicate" ? "a credential with this issuer and client ID exists" : "the credential was changed by someone else"),
    );
    this.reason = reason;
  }
}

/** A list cursor that this store did not issue, or issued for another sort. Answer 400 and restart from page one. */
export class StoreCursorError extends brandedError("StoreCursorError") {
  constructor(message = "the page cursor is not valid for this list") {
    super(message);
  }
}
