import "server-only";
import type { Kysely } from "kysely";
import { KyselyAlertOutboxStore } from "./alert-outbox-store";
import { KyselyAuditStore } from "./audit-store";
import { KyselyCheckRunStore } from "./check-run-store";
import type { SqlDialect } from "./credential-list";
import { KyselyCredentialStore } from "./credential-store";
import { KyselyIntrospectionClientStore } from "./introspection-client-store";
import { KyselyJobStore } from "./job-store";
import { KyselyOperatorStore } from "./operator-store";
import { KyselyProvisioningStore } from "./provisioning-store";
import type { Database } from "./schema";
import { KyselySecretStore } from "./secret-store";
import { KyselyShareLinkStore } from "./share-link-store";
import { KyselyTestRunStore } from "./test-run-store";
import { KyselyTokenCacheStore } from "./token-cache-store";
import type { Store, StoreConnection } from "./types";

// The one Store implementation: one sub-store per aggregate over one connection. The dialect decides only connection
// setup, row locks and two SQL function names.

export class KyselyStore implements Store {
  readonly driver: SqlDialect;
  readonly credentials: KyselyCredentialStore;
  readonly audit: KyselyAuditStore;
  readonly testRuns: KyselyTestRunStore;
  readonly tokenCache: KyselyTokenCacheStore;
  readonly secrets: KyselySecretStore;
  readonly operators: KyselyOperatorStore;
  readonly introspectionClients: KyselyIntrospectionClientStore;
  readonly checkRuns: KyselyCheckRunStore;
  readonly alertOutbox: KyselyAlertOutboxStore;
  readonly jobs: KyselyJobStore;
  readonly provisioning: KyselyProvisioningStore;
  readonly shareLinks: KyselyShareLinkStore;

  constructor(
    private readonly db: Kysely<Database>,
    readonly connection: StoreConnection,
  ) {
    this.driver = connection.driver;
    this.credentials = new KyselyCredentialStore(db, connection.driver);
    this.audit = new KyselyAuditStore(db, connection.driver);
    this.testRuns = new KyselyTestRunStore(db, connection.driver);
    this.tokenCache = new KyselyTokenCacheStore(db, connection.driver);
    this.secrets = new KyselySecretStore(db);
    this.operators = new KyselyOperatorStore(db, connection.driver);
    this.introspectionClients = new KyselyIntrospectionClientStore(db, connection.driver);
    this.checkRuns = new KyselyCheckRunStore(db);
    this.alertOutbox = new KyselyAlertOutboxStore(db);
    this.jobs = new KyselyJobStore(db);
    this.provisioning = new KyselyProvisioningStore(db, connection.driver);
    this.shareLinks = new KyselyShareLinkStore(db, connection.driver);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
