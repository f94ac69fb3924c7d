// The store's contract. Two drivers implement it (SQLite, PostgreSQL) over the same migrations.
// Rows hold secrets only as AES-256-GCM envelopes; the store never sees plaintext.

import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { brandedError } from "@/lib/branded-error";
import type { AuditAction, ListAuditQuery as ListAuditQueryParsed } from "@/lib/schemas/audit";
import type { AuthMethod, CredentialKind } from "@/lib/schemas/credential";
import type {
  CredentialFilter as CredentialFilterParsed,
  ListCredentialsQuery as ListCredentialsQueryParsed,
} from "@/lib/schemas/credential";
import type { CheckedStatus, HealthStatus, LastKnownOrg } from "@/lib/schemas/health";
import type { OperatorKind } from "@/lib/schemas/roles";
import type { AlertOutboxStore } from "./alert-outbox-types";
import type { CheckRunStore } from "./check-run-types";
import type { HealthChange, HealthInput } from "./health-rule";
import type { IntrospectionClientStore } from "./introspection-client-types";
import type { JobStore } from "./job-types";
import type { OperatorStore } from "./operator-types";
import type { ProvisioningStore } from "./provisioning-types";
import type { ShareLinkStore } from "./share-link-types";

export type * from "./alert-outbox-types";
export type * from "./check-run-types";
export type * from "./introspection-client-types";
export type * from "./job-types";
export type * from "./operator-types";
export type * from "./share-link-types";
export type * from "./provisioning-types";

// Defined once, beside the schema that validates it; re-exported so the drivers keep importing from here.
export type { AuthMethod, CredentialKind };
export type { HealthChange, HealthInput };

export interface CredentialRow {
  id: string;
  label: string;
  issuer: string; // normalized origin, e.g. https://acme.zitadel.cloud
  clientId: string;
  secretEnvelope: string | null; // "v1.<kid>.<iv>.<tag>.<ct>", AAD bound to id + issuer + clientId
  secretHint: string | null; // secret's last 4 characters; 2 for 8–11-character secrets, "" below 8 (secretTailOf)
  secretUpdatedAt: string | null; // ISO 8601 UTC
  scopes: string; // space-separated, as OAuth writes it
  orgId: string | null;
  authMethod: AuthMethod;
  tags: string[];
  notes: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number; // starts at 1, +1 on every change
  // Credential kinds. The envelope holds the client secret, the key file's PEM private key or the PAT.
  kind: CredentialKind;
  keyId: string | null; // jwt_profile: the key file's keyId
  keyUserId: string | null; // jwt_profile: the key file's userId (the clientId of keys registered before 0013)
  keyFingerprint: string | null; // jwt_profile: SHA-256 of the public key's SPKI DER, base64url
  expiresAt: string | null; // the key's expirationDate or the PAT's expiry, when known
  serviceUser: string | null; // the service user's login name, as ZITADEL last named it; null until then
}

/** What a check learnt about the credential besides its health (no version bump: nobody changed the credential). */
export interface CheckLearned {
  /** The service user's login name, as ZITADEL named it. */
  serviceUser?: string;
}

/** What names a credential in a list, a run or a conflict: no secret, no key material. */
export type CredentialName = Pick<CredentialRow, "id" | "label" | "issuer" | "version">;

export interface CredentialWithLastTest extends CredentialRow {
  lastTest: TestRunRow | null;
  health: HealthRow;
}

/** A credential's health as stored; stale and untested are decided when it is read (lib/server/health). */
export interface HealthRow {
  status: CheckedStatus | null;
  code: string | null;
  since: string | null;
  checkedAt: string | null;
  lastOrg: LastKnownOrg | null;
}

export type CredentialPatch = Partial<
  Pick<
    CredentialRow,
    | "label"
    | "issuer"
    | "clientId"
    | "secretEnvelope"
    | "secretHint"
    | "secretUpdatedAt"
    | "scopes"
    | "orgId"
    | "authMethod"
    | "tags"
    | "notes"
    | "keyId"
    | "keyUserId"
    | "keyFingerprint"
    | "expiresAt"
  >
>;

export type CredentialSort = ListCredentialsQueryParsed["sort"];

// The store takes what the API's query schemas produce; every field optional (defaults: label, asc, 50 a page).
// `staleBefore` (ISO) is where a checked status turns stale; always given (lib/server/health decides it from the
// settings), so no query decides "stale" by a rule of its own.
/** The list's filters without paging: what "the filter shows". */
export type CredentialFilter = Partial<CredentialFilterParsed> & { staleBefore: string };
export type ListCredentialsQuery = Partial<ListCredentialsQueryParsed> & CredentialFilter;

export interface HealthCountsRow {
  total: number;
  byStatus: Record<HealthStatus, number>;
  byOrg: { id: string | null; name: string | null; count: number }[];
}
export type ListAuditQuery = Partial<ListAuditQueryParsed>;

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditEntry {
  actor: string; // operator id (sub) or "system"
  actorName?: string | null;
  action: AuditAction;
  credentialId?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  outcome: AuditOutcome;
  httpStatus?: number | null;
  detail?: Record<string, unknown> | null; // never a secret or token
  requestId?: string | null;
  ip?: string | null;
}

// Rows are read back as stored: an action written by an older version is still shown.
export interface AuditRow extends Required<Omit<AuditEntry, "detail" | "action">> {
  action: string;
  id: string;
  at: string;
  detail: Record<string, unknown> | null;
  /** Whether the credential the row names still exists (false for a deleted one, a refused duplicate, or none). */
  credentialExists: boolean;
  /** The actor's kind as the operators table knows it (a ZITADEL user id is a person or a machine for good); null for others. */
  actorKind: OperatorKind | null;
}

/** The newest audit row and its chain hash, as `npm run audit:verify` prints it. */
export interface AuditChainHead {
  id: string;
  hash: string;
}

/** What a walk of the audit hash chain found; `broken` names the first row whose link does not hold. */
export interface AuditChainReport {
  rows: number; // rows checked up to the first break
  head: AuditChainHead | null; // the newest row as the chain head names it
  broken: { id: string; at: string | null; reason: string } | null;
}

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

export interface CachedTokenRow {
  credentialId: string;
  scopeKey: string; // sorted, space-separated scopes
  tokenEnvelope: string; // encrypted like secrets, AAD bound to credentialId + scopeKey
  expiresAt: string;
  obtainedAt: string;
  metadata: Record<string, unknown>; // the token test's result DTO, without the raw token
}

export interface SecretEnvelopeRow {
  id: string;
  issuer: string;
  clientId: string;
  secretEnvelope: string;
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
  readonly shareLinks: ShareLinkStore;
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
