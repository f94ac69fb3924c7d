import "server-only";
import { readFileSync, statSync } from "node:fs";
import { getEnv } from "@/lib/env";
import { assertKeyLength, DecryptError, keyId, openWithKey, parseEnvelope, sealWithKey } from "./envelope";

// One encrypt key and any number of decrypt-only keys, each named by its kid, so a rotation can run while both work.

const KEY_TEXT_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;
const GENERATE_HINT = "generate one with `openssl rand -base64 32`";

/** The app cannot start with this key configuration; the message names the setting to fix. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

export class Keyring {
  readonly encryptKid: string;
  readonly #encryptKey: Buffer;
  readonly #keys = new Map<string, Buffer>();

  constructor(encryptKey: Buffer, decryptOnlyKeys: readonly Buffer[] = []) {
    for (const key of [encryptKey, ...decryptOnlyKeys]) {
      assertKeyLength(key);
      this.#keys.set(keyId(key), Buffer.from(key));
    }
    this.#encryptKey = Buffer.from(encryptKey);
    this.encryptKid = keyId(encryptKey);
  }

  get kids(): string[] {
    return [...this.#keys.keys()];
  }

  has(kid: string): boolean {
    return this.#keys.has(kid);
  }

  seal(plaintext: string, context: readonly string[]): string {
    return sealWithKey(this.#encryptKey, this.encryptKid, plaintext, context);
  }

  open(envelope: string, context: readonly string[]): string {
    const parsed = parseEnvelope(envelope);
    const key = this.#keys.get(parsed.kid);
    if (!key) {
      throw new DecryptError(
        `the secret was sealed with key id ${parsed.kid}, which is not in the keyring (SECRETS_KEY, SECRETS_PREVIOUS_KEYS)`,
      );
    }
    return openWithKey(key, parsed, context);
  }
}

export interface KeySources {
  SECRETS_KEY?: string;
  SECRETS_KEY_FILE?: string;
  SECRETS_PREVIOUS_KEYS?: readonly string[];
}

/** Builds the keyring or fails closed: there is no unencrypted fallback. */
export function loadKeyring(sources: KeySources): Keyring {
  if (sources.SECRETS_KEY && sources.SECRETS_KEY_FILE) {
    throw new KeyringError("SECRETS_KEY and SECRETS_KEY_FILE are both set: set only one, so it is clear which key encrypts");
  }
  let encryptKey: Buffer;
  if (sources.SECRETS_KEY) encryptKey = parseKey(sources.SECRETS_KEY, "SECRETS_KEY");
  else if (sources.SECRETS_KEY_FILE) encryptKey = readKeyFile(sources.SECRETS_KEY_FILE);
  else throw new KeyringError(`SECRETS_KEY is missing: set SECRETS_KEY (32 bytes, base64) or SECRETS_KEY_FILE; ${GENERATE_HINT}`);
  const previous = (sources.SECRETS_PREVIOUS_KEYS ?? []).map((text, index) => parseKey(text, `SECRETS_PREVIOUS_KEYS entry ${index + 1}`));
  return new Keyring(encryptKey, previous);
}

let cached: Keyring | undefined;

/** The app's keyring, from the validated settings. */
export function getKeyring(): Keyring {
  if (!cached) {
    const env = getEnv();
    cached = loadKeyring({
      SECRETS_KEY: env.SECRETS_KEY,
      SECRETS_KEY_FILE: env.SECRETS_KEY_FILE,
      SECRETS_PREVIOUS_KEYS: env.SECRETS_PREVIOUS_KEYS,
    });
  }
  return cached;
}

export function parseKey(text: string, name: string): Buffer {
  const trimmed = text.trim();
  const key = KEY_TEXT_PATTERN.test(trimmed) ? Buffer.from(trimmed, "base64") : Buffer.alloc(0);
  if (key.length !== 32) {
    const got = KEY_TEXT_PATTERN.test(trimmed) ? `${key.length} bytes` : "not base64";
    throw new KeyringError(`${name} is malformed: it must be exactly 32 bytes, base64-encoded (got ${got}); ${GENERATE_HINT}`);
  }
  return key;
}

function readKeyFile(path: string): Buffer {
  let text: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTFILE" });
    // A key others can read is a key others hold: refuse it instead of warning.
    if ((stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, "0");
      throw new KeyringError(`SECRETS_KEY_FILE ${path} is accessible to group or others (mode ${mode}): run \`chmod 600 ${path}\``);
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof KeyringError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new KeyringError(`SECRETS_KEY_FILE ${path} cannot be read (${code}): check the path and that this process may read it`);
  }
  return parseKey(text, `SECRETS_KEY_FILE ${path}`);
}
