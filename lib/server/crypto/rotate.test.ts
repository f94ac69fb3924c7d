import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { auditEntry } from "@/lib/server/store/testing/fixtures";
import type { Store } from "@/lib/server/store/types";
import { envelopeKid } from "./envelope";
import { Keyring } from "./keyring";
import { rotateSecrets, type RotationStore } from "./rotate";
import { seedStore } from "./rotation-fixtures";

const dir = mkdtempSync(join(tmpdir(), "m2m-rotate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ringA = new Keyring(keyA);
const onlyB = new Keyring(keyB);
const rotating = new Keyring(keyB, [keyA]);

let store: Store | undefined;
afterEach(async () => store?.close());

async function kidsOf(s: Store): Promise<(string | null)[]> {
  return (await s.secrets.listEnvelopes(null, 1000)).map((row) => envelopeKid(row.secretEnvelope));
}

describe("rotateSecrets", () => {
  it("re-wraps every secret under the new key, resumes after an interruption, and drops cached tokens", async () => {
    const seeded = await seedStore(join(dir, "resume.sqlite"), ringA, 7);
    store = seeded.store;
    const interrupted = rotateSecrets(store, rotating, {
      batchSize: 3,
      onProgress: () => {
        throw new Error("killed after the first batch");
      },
    });
    await expect(interrupted).rejects.toThrow("killed");
    expect(await kidsOf(store)).toEqual([...Array(3).fill(onlyB.encryptKid), ...Array(4).fill(ringA.encryptKid)]);

    const progress: number[] = [];
    const result = await rotateSecrets(store, rotating, { batchSize: 3, onProgress: (p) => void progress.push(p.scanned) });
    expect(result).toMatchObject({ scanned: 7, rewrapped: 4, alreadyCurrent: 3, changedMeanwhile: 0, failed: 0, tokensPurged: 7 });
    expect(progress).toEqual([3, 6, 7]);

    // Only the new key is needed now, and each secret comes back exactly once wrapped.
    for (const secret of seeded.secrets) {
      const row = await store.credentials.get(secret.id);
      expect(onlyB.open(row?.secretEnvelope ?? "", secret.context)).toBe(secret.plaintext);
      expect(row?.version).toBe(1);
    }
    expect(await store.tokenCache.get(seeded.secrets[0]?.id ?? "", "openid")).toBeNull();
    const audit = await store.audit.list({ action: "key.rotate" });
    expect(audit.items[0]).toMatchObject({
      actor: "system",
      outcome: "success",
      detail: expect.objectContaining({ rewrapped: 4, encryptKid: onlyB.encryptKid }),
    });

    expect(await rotateSecrets(store, rotating)).toMatchObject({ scanned: 7, rewrapped: 0, alreadyCurrent: 7 });
  });

  it("never overwrites a secret replaced while the rotation runs", async () => {
    const seeded = await seedStore(join(dir, "race.sqlite"), ringA, 2);
    const real = seeded.store;
    store = real;
    const target = seeded.secrets[0];
    if (!target) throw new Error("no seeded secret");
    // An operator replaces the secret between the rotation's read and its write.
    const racing: RotationStore = {
      tokenCache: real.tokenCache,
      audit: real.audit,
      secrets: {
        listEnvelopes: (afterId, limit) => real.secrets.listEnvelopes(afterId, limit),
        rewrap: async (id, expected, next) => {
          if (id === target.id) {
            const replaced = rotating.seal("replaced", target.context);
            await real.credentials.update(id, 1, { secretEnvelope: replaced }, auditEntry("credential.secret.replace"));
          }
          return real.secrets.rewrap(id, expected, next);
        },
      },
    };
    const result = await rotateSecrets(racing, rotating);
    expect(result).toMatchObject({ rewrapped: 1, changedMeanwhile: 1 });
    const row = await real.credentials.get(target.id);
    expect(onlyB.open(row?.secretEnvelope ?? "", target.context)).toBe("replaced");
  });

  it("reports secrets under a key it does not hold, rotates the rest, and audits a failure", async () => {
    const seeded = await seedStore(join(dir, "missing.sqlite"), ringA, 3);
    store = seeded.store;
    const result = await rotateSecrets(store, new Keyring(keyB));
    expect(result).toMatchObject({ scanned: 3, rewrapped: 0, failed: 3 });
    expect(result.failures[0]?.reason).toMatch(new RegExp(`key id ${ringA.encryptKid}.*not in the keyring`));
    expect((await store.audit.list({ action: "key.rotate" })).items[0]?.outcome).toBe("failure");
    expect(await kidsOf(store)).toEqual(Array(3).fill(ringA.encryptKid));
  });
});
