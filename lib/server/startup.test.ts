import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { Keyring } from "@/lib/server/crypto/keyring";
import { seedStore } from "@/lib/server/crypto/rotation-fixtures";

const dir = mkdtempSync(join(tmpdir(), "m2m-startup-"));
const path = join(dir, "db", "console.sqlite");
const keyA = randomBytes(32);
const keyB = randomBytes(32);

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

describe("bootServer", () => {
  it("prints why the server cannot start and exits 1 instead of serving", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { bootServer } = await startWith({});
      await bootServer();
      expect(printed).toHaveBeenCalledWith(expect.stringMatching(/SECRETS_KEY is missing/));
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      exit.mockRestore();
      printed.mockRestore();
    }
  });
});
