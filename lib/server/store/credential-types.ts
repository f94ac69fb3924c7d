import type { AuthMethod, CredentialKind } from "@/lib/schemas/credential";
import type {
  CredentialFilter as CredentialFilterParsed,
  ListCredentialsQuery as ListCredentialsQueryParsed,
} from "@/lib/schemas/credential";
import type { CheckedStatus, HealthStatus, LastKnownOrg } from "@/lib/schemas/health";
import type { AuditEntry } from "./audit-types";
import type { IssuerOutageRow } from "./issuer-outage-store";
import type { TestRunRow } from "./test-run-types";
import type { Page } from "./types";

// Credentials in the store: the rows, the list and counts the console page reads, the narrow lookups, and every
// change written with its audit row in one transaction.

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

export interface CredentialStore {
  /** `total` is counted on the first page only (no cursor) and null on later pages. */
  list(query: ListCredentialsQuery): Promise<Omit<Page<CredentialWithLastTest>, "total"> & { total: number | null }>;
  /** One credential with its last test and health, as the list shows it; null when there is none. */
  getWithLastTest(id: string): Promise<CredentialWithLastTest | null>;
  /** Every id the list's filters leave, in id order: what "the filter shows", for test-all runs. */
  listIds(query: CredentialFilter): Promise<string[]>;
  /** Per status (the status filter left out) and per last known org (the org filter left out), largest first. */
  countHealth(query: CredentialFilter, options?: { orgLimit?: number }): Promise<HealthCountsRow>;
  /** Issuers whose credentials' latest checks found them unavailable: since when, and how many credentials. */
  listIssuerOutages(): Promise<IssuerOutageRow[]>;
  /** The credential registered for this client ID at this issuer, or null. */
  findByClientId(issuer: string, clientId: string): Promise<CredentialName | null>;
  /** The credential holding this key at this issuer, or null. */
  findByKeyId(issuer: string, keyId: string): Promise<CredentialName | null>;
  /** Every issuer a credential is registered at, sorted. */
  listIssuers(): Promise<string[]>;
  /** Every credential, or those of `ids` that exist, oldest first. */
  listNames(ids?: readonly string[]): Promise<CredentialName[]>;
  listTags(): Promise<string[]>;
  get(id: string): Promise<CredentialRow | null>;
  /** Inserts the row and its audit entry in one transaction. Throws StoreConflictError("duplicate") on (issuer, clientId). */
  create(row: CredentialRow, audit: AuditEntry): Promise<CredentialRow>;
  /** Compare-and-set on version. Throws StoreNotFoundError, StoreConflictError("version") or StoreConflictError("duplicate"). */
  update(id: string, expectedVersion: number, patch: CredentialPatch, audit: AuditEntry): Promise<CredentialRow>;
  /**
   * Records what ZITADEL said about a PAT's expiry (introspection). Learned, not edited: the version stays, so an
   * operator's open edit form does not conflict with it.
   */
  recordPatExpiry(id: string, expiresAt: string): Promise<void>;
  /** Records the service user's login name as ZITADEL named it (introspection); learned like the PAT's expiry. */
  recordServiceUser(id: string, serviceUser: string): Promise<void>;
  /** Throws StoreNotFoundError or StoreConflictError("version") when expectedVersion is given and stale. */
  delete(id: string, expectedVersion: number | null, audit: AuditEntry): Promise<void>;
}
