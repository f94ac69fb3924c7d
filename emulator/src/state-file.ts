import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { Directory } from "./directory";
import { parseSeed, type Seed, SeedError } from "./seed";

// What was done to the emulator over the Management API (service users made, secrets generated, roles granted, users
// deactivated) kept in a file, so a restarted demo still knows what the console remembers. The seed is the state:
// handlers change its objects in place, so writing it out and reading it back is the whole round trip.

const stateSchema = z.strictObject({
  version: z.literal(1),
  /** The seed file the state grew from, to notice a newer seed the state hides. */
  seedDigest: z.string(),
  seed: z.unknown(),
  sequences: z.record(z.string(), z.number().int().min(0)),
});

export interface SavedState {
  seedDigest: string;
  seed: Seed;
  sequences: Record<string, number>;
}

/** The saved state, or null when there is none yet (a first start, or after a reset). */
export function loadState(path: string): SavedState | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new SeedError(`Cannot read emulator state ${path}: ${(error as Error).message}`);
  }
  let parsed: z.infer<typeof stateSchema>;
  try {
    parsed = stateSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new SeedError(`Emulator state ${path} is not a saved state (${(error as Error).message}); delete it to start from the seed`);
  }
  return { seedDigest: parsed.seedDigest, seed: parseSeed(parsed.seed, path), sequences: parsed.sequences };
}

export interface StateWriter {
  /** Writes soon; changes in quick succession are written once. */
  changed(): void;
  /** Writes now what is pending (on close). */
  flush(): void;
}

export function stateWriter(path: string, directory: Directory, seedDigest: string, delayMs = 100): StateWriter {
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    const state = { version: 1, seedDigest, seed: directory.seed, sequences: directory.sequences() };
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Written beside and renamed over, so a crash mid-write leaves the previous state whole.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  };
  return {
    changed() {
      timer ??= setTimeout(write, delayMs);
    },
    flush() {
      if (!timer) return;
      clearTimeout(timer);
      write();
    },
  };
}

/** Names a seed file's content. */
export function seedFileDigest(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
