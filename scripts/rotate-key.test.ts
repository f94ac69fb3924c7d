import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { Keyring } from "@/lib/server/crypto/keyring";
import { seedStore } from "@/lib/server/crypto/rotation-fixtures";
import { createStore } from "@/lib/server/store";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "m2m-rotate-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keyA = randomBytes(32);
const keyB = randomBytes(32);

// Runs the real `npm run rotate-key` line, so the react-server condition and settings are exercised too.
async function rotateKey(path: string, keys: { SECRETS_KEY: string; SECRETS_PREVIOUS_KEYS?: string }) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME };
  env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
  Object.assign(env, { SQLITE_PATH: path, LOG_LEVEL: "silent", ...keys });
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "rotate-key", "--", "--batch-size=2"], { env, cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run rotate-key", () => {
  it("re-encrypts a SQLite store under the new key and says the old one can go", async () => {
    const path = join(dir, "ok.sqlite");
    const seeded = await seedStore(path, new Keyring(keyA), 5);
    await seeded.store.close();
    const result = await rotateKey(path, { SECRETS_KEY: keyB.toString("base64"), SECRETS_PREVIOUS_KEYS: keyA.toString("base64") });
    const onlyB = new Keyring(keyB);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Done: scanned 5, re-encrypted 5, already current 0, changed meanwhile 0, failed 0; cached tokens dropped 5.",
    );
    expect(result.stdout).toContain(`Every secret now uses key id ${onlyB.encryptKid}`);

    const store = await createStore({ driver: "sqlite", path });
    for (const secret of seeded.secrets) {
      expect(onlyB.open((await store.credentials.get(secret.id))?.secretEnvelope ?? "", secret.context)).toBe(secret.plaintext);
    }
    await store.close();
  }, 30_000);

  it("exits non-zero and names the credentials when the old key is missing", async () => {
    const path = join(dir, "missing.sqlite");
    const seeded = await seedStore(path, new Keyring(keyA), 1);
    await seeded.store.close();
    const result = await rotateKey(path, { SECRETS_KEY: keyB.toString("base64") });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`credential ${seeded.secrets[0]?.id}`);
    expect(result.stderr).toContain("keep the old keys in SECRETS_PREVIOUS_KEYS");
  }, 30_000);
});
