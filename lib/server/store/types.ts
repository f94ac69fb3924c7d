// The store's contract. Two drivers implement it (SQLite, PostgreSQL) over the same migrations; each aggregate has a
// sub-store of its own (its rows and contract in `<aggregate>-types.ts`), and the Store holds them with the connection.
// Rows hold secrets only as AES-256-GCM envelopes; the store never sees plaintext.

import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { brandedError } from "@/lib/branded-error";
import type { AuthMethod, CredentialKind } from "@/lib/schemas/credential";
import type { AlertOutboxStore } from "./alert-outbox-types";
import type { AuditStore } from "./audit-types";
import type { CheckRunStore } from "./check-run-types";
import type { CredentialStore } from "./credential-types";
import type { CredentialResult, HealthChange, HealthInput } from "./health-rule";
import type { IntrospectionClientStore } from "./introspection-client-types";
import type { JobStore } from "./job-types";
import type { OperatorStore } from "./operator-types";
import type { ProvisioningStore } from "./provisioning-types";
import type { SecretStore } from "./secret-types";
import type { ShareLinkStore } from "./share-link-types";
import type { TestRunStore } from "./test-run-types";
import type { TokenCacheStore } from "./token-cache-types";

export type * from "./alert-outbox-types";
export type * from "./audit-types";
export type * from "./check-run-types";
export type * from "./credential-types";
export type * from "./introspection-client-types";
export type * from "./job-types";
export type * from "./operator-types";
export type * from "./provisioning-types";
export type * from "./secret-types";
export type * from "./share-link-types";
export type * from "./test-run-types";
export type * from "./token-cache-types";

// Defined once, beside the schema that validates it; re-exported so the drivers keep importing from here.
export type { AuthMethod, CredentialKind };
export type { CredentialResult, HealthChange, HealthInput };
export type { IssuerChange, IssuerOutageRow } from "./issuer-outage-store";

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** The connection under the store. Shared, not a second one: the rate limiter keeps its counters in the same database. */
export type StoreConnection = { driver: "sqlite"; database: BetterSqlite3.Database } | { driver: "postgres"; pool: pg.Pool };

export interface Store {
  readonly driver: "sqlite" | "postgres";
  readonly connection: StoreConnection;
  readonly credentials: CredentialStore;
  readonly audit: AuditStore;
  readonly testRuns: TestRunStore;
  readonly tokenCache: TokenCacheStore;
  readonly secrets: SecretStore;
  readonly operators: OperatorStore;
  readonly introspectionClients: IntrospectionClientStore;
  readonly checkRuns: CheckRunStore;
  readonly alertOutbox: AlertOutboxStore;
  readonly jobs: JobStore;
  readonly provisioning: ProvisioningStore;
  readonly shareLinks: ShareLinkStore;

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
