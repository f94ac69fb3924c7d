import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import type { SecretEnvelopeRow, SecretStore } from "./secret-types";

// Key rotation walks the envelopes a page at a time by id and swaps each one only if nobody replaced it meanwhile.

export class KyselySecretStore implements SecretStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listEnvelopes(afterId: string | null, limit: number): Promise<SecretEnvelopeRow[]> {
    let query = this.db
      .selectFrom("credentials")
      .select(["id", "issuer", "client_id", "secret_envelope"])
      .where("secret_envelope", "is not", null);
    if (afterId !== null) query = query.where("id", ">", afterId);
    const rows = await query.orderBy("id").limit(Math.max(1, limit)).execute();
    return rows.map((row) => ({ id: row.id, issuer: row.issuer, clientId: row.client_id, secretEnvelope: row.secret_envelope ?? "" }));
  }

  async rewrap(id: string, expected: string, next: string): Promise<boolean> {
    const result = await this.db
      .updateTable("credentials")
      .set({ secret_envelope: next })
      .where("id", "=", id)
      .where("secret_envelope", "=", expected)
      .executeTakeFirst();
    return result.numUpdatedRows > BigInt(0);
  }
}
