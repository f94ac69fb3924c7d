// npm run rotate-key — re-encrypts every stored client secret (and introspection client secret or key) under
// SECRETS_KEY, so old keys can be retired.
// Safe to interrupt and run again. Needs the same settings as the server (SECRETS_PREVIOUS_KEYS holds the old keys).
import { getKeyring } from "@/lib/server/crypto";
import { rotateSecrets, type RotationProgress } from "@/lib/server/crypto/rotate";
import { rotateIntrospectionClients } from "@/lib/server/crypto/rotate-introspection-clients";
import { closeStore, getStore } from "@/lib/server/store";

const DEFAULT_BATCH_SIZE = 100;

function batchSizeFrom(argv: string[]): number {
  const flag = argv.find((arg) => arg.startsWith("--batch-size="));
  const value = flag ? Number(flag.slice("--batch-size=".length)) : DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new Error("--batch-size must be a whole number from 1 to 10000");
  return value;
}

function describe(progress: RotationProgress): string {
  const { scanned, rewrapped, alreadyCurrent, changedMeanwhile, failed } = progress;
  return `scanned ${scanned}, re-encrypted ${rewrapped}, already current ${alreadyCurrent}, changed meanwhile ${changedMeanwhile}, failed ${failed}`;
}

async function main(argv: string[]): Promise<number> {
  const batchSize = batchSizeFrom(argv);
  const keyring = getKeyring();
  const store = await getStore();
  try {
    console.log(`Re-encrypting client secrets under key id ${keyring.encryptKid} (${store.driver} store, ${batchSize} per batch)`);
    const result = await rotateSecrets(store, keyring, { batchSize, onProgress: (progress) => console.log(`  ${describe(progress)}`) });
    console.log(`Done: ${describe(result)}; cached tokens dropped ${result.tokensPurged}.`);
    const clients = await rotateIntrospectionClients(store.introspectionClients, keyring);
    console.log(`Introspection clients: ${describe(clients)}.`);
    for (const failure of clients.failures) console.error(`  introspection client ${failure.introspectionClientId}: ${failure.reason}`);
    if (result.failed > 0 || clients.failed > 0) {
      for (const failure of result.failures) console.error(`  credential ${failure.credentialId}: ${failure.reason}`);
      console.error("Some secrets could not be opened: keep the old keys in SECRETS_PREVIOUS_KEYS until they are fixed or replaced.");
      return 1;
    }
    console.log(`Every secret now uses key id ${keyring.encryptKid}; older keys can be removed from SECRETS_PREVIOUS_KEYS.`);
    return 0;
  } finally {
    await closeStore();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rotate-key failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
