import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { secretContext } from "@/lib/server/crypto/contexts";
import { Keyring } from "@/lib/server/crypto/keyring";
import { createStore, isStoreUnavailable } from "./index";
import { createSqliteDialect, openSqliteDatabase } from "./sqlite";
import { describeStoreSuite } from "./store-suite";
import { auditEntry, newCredential } from "./testing/fixtures";
import type { WriterReport } from "./testing/increments";
import { sqliteStoreOn } from "./testing/sqlite-store";

const root = mkdtempSync(join(tmpdir(), "m2m-sqlite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Separate processes, separate connections, one file: the way two app instances or the rotate script meet.
function startWriter(path: string, credentialId: string, count: number, writer: string) {
  const script = join(import.meta.dirname, "testing", "sqlite-writer.ts");
  const args = ["--import", "tsx", "--conditions=react-server", script, path, credentialId, String(count), writer];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { cwd: process.cwd() });
  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith("ready\n")) resolve();
    });
  });
  const report = new Promise<WriterReport>((resolve, reject) => {
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`writer ${writer} exited ${code}: ${errors}`));
      resolve(JSON.parse(output.slice("ready\n".length)) as WriterReport);
    });
  });
  return { ready, report, go: () => child.stdin.end("go\n"), kill: () => child.kill("SIGKILL") };
}

async function writerProcesses(path: string, credentialId: string, writers: number, perWriter: number): Promise<WriterReport[]> {
  const children = Array.from({ length: writers }, (_, i) => startWriter(path, credentialId, perWriter, `writer-${i}`));
  await Promise.all(children.map((child) => child.ready));
  children.forEach((child) => child.go());
  return Promise.all(children.map((child) => child.report));
}

let suiteStores = 0;
describeStoreSuite("sqlite", async () => {
  suiteStores += 1;
  const path = join(root, `suite-${suiteStores}`, "db", "console.sqlite");
  const store = await createStore({ driver: "sqlite", path });
  const raw = new BetterSqlite3(path, { timeout: 5000 });
  return {
    store,
    rawExec: async (statement) => void raw.exec(statement),
    rawQuery: async (statement) => raw.prepare<[], Record<string, unknown>>(statement).all(),
    concurrentIncrements: (credentialId, writers, perWriter) => writerProcesses(path, credentialId, writers, perWriter),
    close: async () => {
      raw.close();
      await store.close();
    },
  };
});

describe("sqlite file and connection settings", () => {
  it("keeps the database private: directory 0700, file 0600", async () => {
    const path = join(root, "private", "nested", "console.sqlite");
    const store = await createStore({ driver: "sqlite", path });
    await store.close();
    expect(statSync(join(root, "private", "nested")).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("opens every connection with WAL, a 5 s busy wait, foreign keys and normal sync", () => {
    const database = openSqliteDatabase(join(root, "pragmas.sqlite"));
    expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(database.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(database.pragma("synchronous", { simple: true })).toBe(1);
    expect(database.pragma("secure_delete", { simple: true })).toBe(1);
    database.close();
  });

  it("empties the WAL when it closes, even while another process still has the file open", async () => {
    const path = join(root, "close.sqlite");
    const store = await createStore({ driver: "sqlite", path });
    await store.credentials.create(newCredential(), auditEntry("credential.create"));
    const other = new BetterSqlite3(path);
    try {
      expect(other.prepare("select count(*) as n from credentials").get()).toEqual({ n: 1 });
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      await store.close();
      expect(statSync(`${path}-wal`).size).toBe(0);
      expect(other.prepare("select count(*) as n from credentials").get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it("takes the write lock when a transaction begins, not at its first write", async () => {
    const path = join(root, "immediate.sqlite");
    const db = new Kysely<Record<string, never>>({ dialect: createSqliteDialect(path) });
    const other = new BetterSqlite3(path, { timeout: 0 });
    try {
      await db.transaction().execute(async () => {
        expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(/locked|busy/i);
        const busy = (() => {
          try {
            other.exec("BEGIN IMMEDIATE");
          } catch (error) {
            return error;
          }
        })();
        expect(isStoreUnavailable(busy)).toBe(true);
      });
      other.exec("BEGIN IMMEDIATE");
      other.exec("ROLLBACK");
    } finally {
      other.close();
      await db.destroy();
    }
  });
});

describe("sqlite: deleted means gone from disk", () => {
  const keyring = new Keyring(randomBytes(32));

  // What someone with a copy of the files would find: the raw bytes of the database and its write-ahead log.
  function onDisk(path: string): string {
    return [path, `${path}-wal`]
      .filter(existsSync)
      .map((file) => readFileSync(file).toString("latin1"))
      .join("\n");
  }

  async function storeWithCanary(name: string) {
    const path = join(root, "erase", `${name}.sqlite`);
    const store = await createStore({ driver: "sqlite", path });
    const row = newCredential();
    const envelope = keyring.seal(`canary-${randomBytes(12).toString("hex")}`, secretContext(row.id, row.issuer, row.clientId));
    await store.credentials.create({ ...row, secretEnvelope: envelope }, auditEntry("credential.create"));
    for (let i = 0; i < 5; i += 1) await store.credentials.create(newCredential(), auditEntry("credential.create"));
    const ciphertext = envelope.split(".")[4] ?? "";
    expect(onDisk(path)).toContain(envelope);
    return { path, store, row, envelope, ciphertext };
  }

  it("leaves no copy of a deleted credential's sealed secret in the database file or its WAL", async () => {
    const { path, store, row, envelope, ciphertext } = await storeWithCanary("delete");
    await store.credentials.delete(row.id, null, auditEntry("credential.delete"));
    const bytes = onDisk(path);
    expect(bytes).not.toContain(envelope);
    expect(bytes).not.toContain(ciphertext);
    await store.close();
  });

  it("leaves no copy of a replaced secret", async () => {
    const { path, store, row, envelope, ciphertext } = await storeWithCanary("replace");
    const next = keyring.seal("the-new-secret", secretContext(row.id, row.issuer, row.clientId));
    await store.credentials.update(row.id, 1, { secretEnvelope: next }, auditEntry("credential.secret.replace"));
    const bytes = onDisk(path);
    expect(bytes).not.toContain(envelope);
    expect(bytes).not.toContain(ciphertext);
    expect(bytes).toContain(next);
    await store.close();
  });
});

describe("sqlite file with damaged pages", () => {
  it("refuses to open it, naming the file and how to restore it, instead of serving from it", async () => {
    const path = join(root, "damaged.sqlite");
    const store = await createStore({ driver: "sqlite", path });
    for (let i = 0; i < 60; i += 1) await store.audit.append(auditEntry("token.test", { detail: { filler: "x".repeat(1500) } }));
    await store.close();
    // Scribble over the headers of the newest third of the pages (audit rows), as a bad disk or a torn copy would.
    const bytes = readFileSync(path);
    const pageSize = 4096;
    const pages = bytes.length / pageSize;
    for (let page = Math.floor((pages * 2) / 3); page < pages; page += 1) bytes.fill(0xa5, page * pageSize, page * pageSize + 512);
    writeFileSync(path, bytes);

    const opened = createStore({ driver: "sqlite", path });
    await expect(opened).rejects.toThrow(`The SQLite database ${path} is damaged`);
    await expect(opened).rejects.toThrow(/restore .* from your last backup/);
  });
});

describe("sqlite on a full disk", () => {
  it("answers writes with store-unavailable saying the database cannot write, and loses nothing", async () => {
    const database = openSqliteDatabase(join(root, "full.sqlite"));
    const store = await sqliteStoreOn(database);
    try {
      const kept = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      // No page beyond the ones in use: every write that needs room fails as on a full disk.
      database.pragma(`max_page_count = ${Number(database.pragma("page_count", { simple: true }))}`);
      const big = "n".repeat(20_000);
      const failures = await Promise.all([
        store.credentials.create(newCredential({ notes: big }), auditEntry("credential.create")).catch((error: unknown) => error),
        store.credentials.update(kept.id, 1, { notes: big }, auditEntry("credential.update")).catch((error: unknown) => error),
        store.audit.append(auditEntry("token.test", { detail: { big } })).catch((error: unknown) => error),
      ]);
      for (const failure of failures) {
        expect(isStoreUnavailable(failure)).toBe(true);
        expect((failure as Error).message).toMatch(/database cannot write .*nothing was saved/);
      }
      expect(await store.credentials.get(kept.id)).toEqual(kept);

      database.pragma("max_page_count = 1073741823");
      const updated = await store.credentials.update(kept.id, 1, { notes: big }, auditEntry("credential.update"));
      expect(updated.version).toBe(2);
      expect((await store.audit.list({ credentialId: kept.id })).total).toBe(2);
    } finally {
      await store.close();
    }
  });

  it("keeps the disk-full error when SQLite already rolled the transaction back", async () => {
    const path = join(root, "full-rollback.sqlite");
    const database = openSqliteDatabase(path);
    const db = new Kysely<{ t: { v: string } }>({ dialect: createSqliteDialect(database) });
    try {
      await db.schema.createTable("t").addColumn("v", "text").execute();
      database.pragma(`max_page_count = ${Number(database.pragma("page_count", { simple: true }))}`);
      const failure = await db
        .transaction()
        .execute((trx) =>
          trx
            .insertInto("t")
            .values({ v: "y".repeat(20_000) })
            .execute(),
        )
        .catch((error: unknown) => error);
      expect(isStoreUnavailable(failure)).toBe(true);
      expect((failure as Error).message).toContain("SQLITE_FULL");
      expect(database.inTransaction).toBe(false);
    } finally {
      await db.destroy();
    }
  });
});

describe("sqlite crash safety", () => {
  it("survives kill -9 mid-write: the file checks ok and every update has exactly its audit row", async () => {
    const path = join(root, "crash.sqlite");
    const store = await createStore({ driver: "sqlite", path });
    const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
    await store.close();
    for (let round = 0; round < 3; round += 1) {
      const writer = startWriter(path, row.id, 1_000_000, `crash-${round}`);
      writer.report.catch(() => undefined);
      await writer.ready;
      writer.go();
      await sleep(150 + round * 50);
      writer.kill();
      await writer.report.catch(() => undefined);
    }
    const check = new BetterSqlite3(path);
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    const reopened = await createStore({ driver: "sqlite", path });
    const final = await reopened.credentials.get(row.id);
    const updates = (await reopened.audit.list({ credentialId: row.id, action: "credential.update" })).total;
    await reopened.close();
    expect(updates).toBeGreaterThan(0);
    expect(final?.version).toBe(1 + updates);
    expect(final?.notes).toBe(String(updates));
  }, 30_000);
});
