import "server-only";
import { PostgresAdapter, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from "kysely";

// The few places where the two databases need different DDL; everything else is shared.

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface ColumnKinds {
  timestamp: ColumnDataType;
  flag: ColumnDataType;
  serialType: ColumnDataType;
  serial: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

// Serial ids only grow (SQLite AUTOINCREMENT never reuses one), so id order is insertion order.
export function columnKinds(db: Kysely<unknown>): ColumnKinds {
  if (isPostgres(db)) {
    return {
      timestamp: "timestamptz",
      flag: "boolean",
      serialType: "bigint",
      serial: (column) => column.primaryKey().generatedAlwaysAsIdentity(),
    };
  }
  return {
    timestamp: "text",
    flag: "integer",
    serialType: "integer",
    serial: (column) => column.primaryKey().autoIncrement(),
  };
}
