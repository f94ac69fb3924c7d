import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { Keyring } from "@/lib/server/crypto/keyring";
import { seedStore } from "@/lib/server/crypto/rotation-fixtures";
import { dayAgo } from "@/lib/server/store/testing/fixtures";

const dir = mkdtempSync(join(tmpdir(), "m2m-startup-"));
const path = join(dir, "db", "console.sqlite");
const keyA = randomBytes(32);
const keyB = randomBytes(32);
const databaseUrl = process.env.TEST_DATABASE_URL;

function startWith(env: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_SECRET", randomBytes(32).toString("base64"));
  vi.stubEnv("SQLITE_PATH", path);
  vi.stubEnv("LOG_LEVEL", "silent");
  vi.stubEnv("SECRETS_PREVIOUS_KEYS", "");
  for (const name of ["SECRETS_KEY", "SECRETS_KEY_FILE", "DATABASE_URL"]) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./startup");
}

afterEach(async () => {
  const { closeStore } = await import("@/lib/server/store");
  await closeStore();
  vi.unstubAllEnvs();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("prepareServer", () => {
  it("opens and migrates the store and starts when the key opens the stored secrets", async () => {
    const seeded = await seedStore(path, new Keyring(keyA), 2);
    await seeded.store.close();
    const { prepareServer } = await startWith({ SECRETS_KEY: keyA.toString("base64") });
    await expect(prepareServer()).resolves.toBeUndefined();
  });

  it("refuses to start with another key, saying which key id is missing", async () => {
    const { prepareServer } = await startWith({ SECRETS_KEY: keyB.toString("base64") });
    const kidA = new Keyring(keyA).encryptKid;
    await expect(prepareServer()).rejects.toThrow(`SECRETS_KEY cannot decrypt the stored secrets (key id ${kidA} not in the keyring`);
  });

  it("starts with the new key while the old one is still listed as a previous key", async () => {
    const { prepareServer } = await startWith({ SECRETS_KEY: keyB.toString("base64"), SECRETS_PREVIOUS_KEYS: keyA.toString("base64") });
    await expect(prepareServer()).resolves.toBeUndefined();
  });

  it("shares one store between separately bundled copies of the store module", async () => {
    const { prepareServer } = await startWith({ SECRETS_KEY: keyA.toString("base64") });
    await prepareServer();
    const first = await (await import("@/lib/server/store")).getStore();
    vi.resetModules();
    const second = await (await import("@/lib/server/store")).getStore();
    expect(second).toBe(first);
  });

  it("fails closed when no key is configured", async () => {
    const { prepareServer } = await startWith({});
    await expect(prepareServer()).rejects.toThrow(/SECRETS_KEY is missing/);
  });
});

describe("startServing", () => {
  it("prints why the server cannot start and exits 1 instead of serving", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { startServing } = await startWith({});
      await startServing();
      expect(printed).toHaveBeenCalledWith(expect.stringMatching(/SECRETS_KEY is missing/));
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      exit.mockRestore();
      printed.mockRestore();
    }
  });
});

// A port where nothing listens yet; later a plain TCP relay to the real database opens on it.
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function relay(port: number, target: URL): Promise<() => Promise<void>> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  };
}

describe.skipIf(!databaseUrl)("PostgreSQL down at start", () => {
  it("starts anyway, answers store-unavailable until the database is reachable, then migrates and serves", async () => {
    const target = new URL(databaseUrl ?? "");
    const schema = `m2m_test_boot_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const port = await freePort();
    const viaRelay = new URL(target);
    viaRelay.port = String(port);
    viaRelay.searchParams.set("options", `-c search_path=${schema}`);
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    let stopRelay: (() => Promise<void>) | undefined;
    try {
      const { startServing, serverReady } = await startWith({ SECRETS_KEY: keyA.toString("base64"), DATABASE_URL: viaRelay.toString() });
      await startServing(20);
      expect(exit).not.toHaveBeenCalled();
      const { getStore, isStoreUnavailable } = await import("@/lib/server/store");
      const refused = await getStore().then(
        () => new Error("the store opened without a database"),
        (error: unknown) => error,
      );
      expect(isStoreUnavailable(refused)).toBe(true);

      stopRelay = await relay(port, target);
      await serverReady();
      const store = await getStore();
      expect(store.driver).toBe("postgres");
      expect((await store.credentials.list({ staleBefore: dayAgo() })).total).toBe(0);
      expect((await store.audit.verifyChain()).broken).toBeNull();
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      const { closeStore } = await import("@/lib/server/store");
      await closeStore();
      await stopRelay?.();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});

// The server process as an orchestrator sees it: started, written to, then sent SIGTERM.
async function serveUntilSignal(path: string, likeNext: boolean) {
  const script = join(import.meta.dirname, "store", "testing", "serve-until-signal.ts");
  const args = ["--import", "tsx", "--conditions=react-server", script, ...(likeNext ? ["--like-next"] : [])];
  const env = { PATH: process.env.PATH, NODE_ENV: "test" as const, LOG_LEVEL: "silent", SQLITE_PATH: path };
  const child = spawn(process.execPath, args, {
    env: { ...env, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SECRETS_KEY: keyA.toString("base64") },
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const [chunk] = (await once(child.stdout, "data")) as [Buffer];
  const origin = `http://127.0.0.1:${chunk.toString().trim()}`;
  return { origin, exited, stop: () => child.kill("SIGTERM"), errors: () => errors };
}

describe("shutdown on SIGTERM", () => {
  for (const likeNext of [true, false]) {
    it(`closes the store, leaves no WAL behind and exits 0 (${likeNext ? "after a next-start style drain" : "on its own"})`, async () => {
      const path = join(dir, `shutdown-${likeNext}.sqlite`);
      const server = await serveUntilSignal(path, likeNext);
      for (let i = 0; i < 3; i += 1) expect(await (await fetch(server.origin)).text()).toBe("written");
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

      server.stop();
      const [code, signal] = await server.exited;
      expect(server.errors()).toBe("");
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);

      const { createStore } = await import("@/lib/server/store");
      const store = await createStore({ driver: "sqlite", path });
      expect((await store.audit.list({ action: "token.test" })).total).toBe(3);
      await store.close();
    }, 30_000);
  }
});
