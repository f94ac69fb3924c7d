import "server-only";
import { Migrator, type Kysely, type Migration } from "kysely";
import * as initial from "./0001-initial";
import * as auditChain from "./0002-audit-chain";
import * as operatorsSessions from "./0003-operators-sessions";
import * as auditFilters from "./0004-audit-filters";
import * as credentialKinds from "./0005-credential-kinds";
import * as introspectionClients from "./0006-introspection-clients";
import * as credentialHealth from "./0007-credential-health";
import * as checkRuns from "./0008-check-runs";
import * as provisioning from "./0009-provisioning";
import * as credentialListScale from "./0010-credential-list-scale";
import * as alertOutbox from "./0011-alert-outbox";
import * as jobs from "./0012-jobs";
import * as credentialServiceUser from "./0013-credential-service-user";
import * as machineOperators from "./0014-machine-operators";
import * as rateLimitWindows from "./0016-rate-limit-windows";
import * as issuerOutages from "./0019-issuer-outages";
import * as shareLinks from "./0021-share-links";

// Migrations are imported, not read from disk, so they ship inside the Next.js server bundle.

const migrations: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_audit_chain": auditChain,
  "0003_operators_sessions": operatorsSessions,
  "0004_audit_filters": auditFilters,
  "0005_credential_kinds": credentialKinds,
  "0006_introspection_clients": introspectionClients,
  "0007_credential_health": credentialHealth,
  "0008_check_runs": checkRuns,
  "0009_provisioning": provisioning,
  "0010_credential_list_scale": credentialListScale,
  "0011_alert_outbox": alertOutbox,
  "0012_jobs": jobs,
  "0013_credential_service_user": credentialServiceUser,
  "0014_machine_operators": machineOperators,
  "0016_rate_limit_windows": rateLimitWindows,
  "0019_issuer_outages": issuerOutages,
  "0021_share_links": shareLinks,
};

/** Applies pending migrations, each in its own transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: under an advisory lock). */
export async function migrateToLatest(db: Kysely<unknown>, options: { schema?: string } = {}): Promise<void> {
  // With a PostgreSQL schema of its own, the migration tables live there too: Kysely otherwise looks them up by
  // name across every schema and can find another schema's.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: options.schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
