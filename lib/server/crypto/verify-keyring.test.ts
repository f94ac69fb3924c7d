import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "@/lib/server/store";
import { Keyring } from "./keyring";
import { seedStore } from "./rotation-fixtures";
import { verifyKeyring } from "./verify-keyring";

const dir = mkdtempSync(join(tmpdir(), "m2m-verify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ringA = new Keyring(keyA);

describe("verifyKeyring", () => {
  it("accepts an empty store and a keyring that holds every stored key", async () => {
    const empty = await createStore({ driver: "sqlite", path: join(dir, "empty.sqlite") });
    expect(await verifyKeyring(empty, new Keyring(keyB))).toEqual({ secrets: 0, byKid: {} });
    await empty.close();

    const { store } = await seedStore(join(dir, "ok.sqlite"), ringA, 3);
    expect(await verifyKeyring(store, new Keyring(keyB, [keyA]))).toEqual({ secrets: 3, byKid: { [ringA.encryptKid]: 3 } });
    await store.close();
  });

  it("refuses to start with a key that cannot open the stored secrets, naming the missing key id", async () => {
    const { store } = await seedStore(join(dir, "wrong.sqlite"), ringA, 2);
    await expect(verifyKeyring(store, new Keyring(keyB))).rejects.toThrow(
      `SECRETS_KEY cannot decrypt the stored secrets (key id ${ringA.encryptKid} not in the keyring: 2 secret(s))`,
    );
    await store.close();
  });

  it("refuses a known key id whose secret does not open (tampered row)", async () => {
    const { store, secrets } = await seedStore(join(dir, "tampered.sqlite"), ringA, 1);
    const id = secrets[0]?.id ?? "";
    const envelope = (await store.credentials.get(id))?.secretEnvelope ?? "";
    await store.secrets.rewrap(
      id,
      envelope,
      envelope.replace(/\.([A-Za-z0-9_-])([A-Za-z0-9_-]*)$/, (_m, c: string, rest: string) => `.${c === "A" ? "B" : "A"}${rest}`),
    );
    await expect(verifyKeyring(store, ringA)).rejects.toThrow(`credential ${id} does not open with key id ${ringA.encryptKid}`);
    await store.close();
  });
});
