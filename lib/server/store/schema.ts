import "server-only";
import type { ColumnType } from "kysely";

// Table shapes as the drivers return them: SQLite gives text timestamps and 0/1, PostgreSQL Dates and booleans.

type Timestamp = ColumnType<string | Date, string, string>;
type SerialId = ColumnType<number | string, never, never>; // assigned by the database
type Flag = ColumnType<boolean | number, number, number>;

export interface CredentialsTable {
  id: string;
  label: string;
  issuer: string;
  client_id: string;
  secret_envelope: string | null;
  secret_hint: string | null;
  secret_updated_at: Timestamp | null;
  scopes: string;
  org_id: string | null;
  auth_method: string;
  tags: string; // JSON array of strings
  notes: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  version: number;
  // Credential kinds (migration 0005).
  kind: ColumnType<string, string | undefined, string>;
  key_id: string | null;
  key_user_id: string | null;
  key_fingerprint: string | null;
  expires_at: Timestamp | null;
  // The service user's login name once ZITADEL named it (migration 0013).
  service_user: string | null;
  // Health (migration 0007): see health-rule.ts.
  health_token: string | null;
  health_org: string | null;
  health_status: string | null;
  health_code: string | null;
  health_since: Timestamp | null;
  health_checked_at: Timestamp | null;
  last_org_id: string | null;
  last_org_name: string | null;
  last_org_at: Timestamp | null;
  // Maintained by the database: a generated column on PostgreSQL, triggers and an FTS5 table on SQLite.
  search_text: ColumnType<string | null, never, never>;
  search_rowid: ColumnType<number | null, never, never>;
}

export interface AuditLogTable {
  id: SerialId;
  at: Timestamp;
  actor: string;
  actor_name: string | null;
  action: string;
  credential_id: string | null;
  issuer: string | null;
  client_id: string | null;
  outcome: string;
  http_status: number | null;
  detail: string | null; // JSON object
  request_id: string | null;
  ip: string | null;
  prev_hash: string | null; // the previous row's hash; null for the first row (see audit-chain.ts)
  hash: string | null; // sha256 over prev_hash and this row's content
}

// One row (id 1) naming the newest audit row, so removing rows from the end of the log is noticed too.
export interface AuditChainHeadTable {
  id: number;
  last_id: number | string | null;
  last_hash: string | null;
}

export interface TestRunsTable {
  id: SerialId;
  credential_id: string;
  kind: string;
  at: Timestamp;
  actor: string;
  actor_name: string | null;
  outcome: string;
  http_status: number | null;
  latency_ms: number | null;
  org_id: string | null;
  org_name: string | null;
  cached: Flag;
  request_id: string | null;
  upstream_error: string | null;
  upstream_description: string | null;
}

export interface TokenCacheTable {
  credential_id: string;
  scope_key: string;
  token_envelope: string;
  expires_at: Timestamp;
  obtained_at: Timestamp;
  metadata: string; // JSON object
}

export interface OperatorsTable {
  id: string;
  login: string | null;
  name: string;
  email: string | null;
  sign_in_role: string | null;
  role_source: string | null;
  role_cap: string | null;
  is_disabled: Flag;
  last_sign_in_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
  version: number;
  // Machines: service users calling with a ZITADEL bearer token (migration 0014).
  kind: ColumnType<string, string | undefined, string>;
  org: ColumnType<string | null, string | null | undefined, string | null>;
  last_seen_at: ColumnType<string | Date | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id_hash: string;
  operator_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  id_token_envelope: string | null;
  // The operator's ZITADEL access token from sign-in, sealed to the session (migration 0009).
  zitadel_token_envelope: ColumnType<string | null, string | null | undefined, string | null>;
  zitadel_token_expires_at: ColumnType<string | Date | null, string | null | undefined, string | null>;
}

export interface IntrospectionClientsTable {
  id: string;
  issuer: string;
  method: string;
  client_id: string;
  secret_envelope: string;
  key_id: string | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  version: number;
}

// Test-all runs (migration 0008).
export interface CheckRunsTable {
  id: string;
  started_by: string;
  started_by_name: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  state: string;
  scope: string; // JSON: the scope the run was started with
  total: number;
  reason: string | null; // why a run failed or who cancelled it
}

export interface CheckRunItemsTable {
  run_id: string;
  credential_id: string;
  label: string;
  issuer: string;
  state: string;
  status: string | null;
  org_id: string | null;
  org_name: string | null;
  code: string | null;
  claimed_at: Timestamp | null;
  finished_at: Timestamp | null;
}

// Provisioning (migration 0009).
export interface ProvisionersTable {
  issuer: string;
  credential_id: string;
  created_by: string;
  created_by_name: string | null;
  created_at: Timestamp;
}

export interface ProvisioningJobsTable {
  id: string;
  started_by: string;
  started_by_name: string | null;
  issuer: string;
  authority: string; // JSON: kind, credentialId, label
  input: string; // JSON: what the operator asked for (never a secret)
  state: string;
  steps: string; // JSON array of steps
  user_id: string | null;
  credential_id: string | null;
  secret_offer_envelope: string | null;
  secret_offer_expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Maintained by triggers (migration 0010): read by the list, never written by the app.
export interface CredentialTagsTable {
  tag: string;
  credential_id: string;
}

export interface CredentialCountsTable {
  /** health_status, '' for none. */
  status: string;
  /** '=' || last_org_id, '' for none; org_name likewise for last_org_name. */
  org: string;
  org_name: string;
  n: number;
}

export interface Database {
  credentials: CredentialsTable;
  credential_tags: CredentialTagsTable;
  credential_counts: CredentialCountsTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  test_runs: TestRunsTable;
  token_cache: TokenCacheTable;
  operators: OperatorsTable;
  sessions: SessionsTable;
  introspection_clients: IntrospectionClientsTable;
  check_runs: CheckRunsTable;
  check_run_items: CheckRunItemsTable;
  provisioners: ProvisionersTable;
  provisioning_jobs: ProvisioningJobsTable;
  alert_outbox: AlertOutboxTable;
  jobs: JobsTable;
  issuer_outages: IssuerOutagesTable;
  share_links: ShareLinksTable;
}

// One row per issuer some credential found unavailable, until one found it back with none left unavailable (0019).
export interface IssuerOutagesTable {
  issuer: string;
  since: Timestamp;
  code: string;
}

// Status alerts waiting for or done with their webhook (migration 0011).
export interface AlertOutboxTable {
  id: string;
  credential_id: string;
  issuer: string;
  client_id: string;
  from_status: string | null;
  to_status: string;
  body: string;
  state: string;
  attempts: number;
  next_attempt_at: Timestamp;
  claim_token: string | null;
  claimed_until: Timestamp | null;
  http_status: number | null;
  reason: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

// Background jobs on SQLite (migration 0012); `data` is the job's JSON.
export interface JobsTable {
  id: string;
  queue: string;
  data: string;
  state: string;
  attempts: number;
  retry_limit: number;
  retry_delay_ms: number;
  next_attempt_at: Timestamp;
  claim_token: string | null;
  claimed_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

// Share links to a redacted report (migration 0021): the report as it was when the link was made.
export interface ShareLinksTable {
  id: string;
  token_hash: string;
  source_type: string;
  source_id: string;
  title: string;
  markdown: string;
  report_json: string;
  created_by: string;
  created_by_name: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  view_count: ColumnType<number, number | undefined, number>;
  last_viewed_at: Timestamp | null;
}
