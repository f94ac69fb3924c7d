import "server-only";
import type { OrgLookupResult } from "@/lib/schemas/diagnostics";
import { processSingleton } from "@/lib/server/process-singleton";

// The latest org lookup per credential, for a page's own lookup to reuse while it is fresh (LOOKUP_FRESH_SECONDS)
// instead of calling ZITADEL on every open, focus and poll. Kept per credential *version*: an edit, a new secret or key
// makes the next lookup live. In this process only: another instance simply looks up once itself.

const MAX_ENTRIES = 1_000;

interface Recent {
  result: OrgLookupResult;
  at: number;
}

const recent = processSingleton("recent-org-lookups", () => new Map<string, Recent>());

const keyOf = (credential: { id: string; version: number }) => `${credential.id}@${credential.version}`;

export function rememberLookup(credential: { id: string; version: number }, result: OrgLookupResult, now = Date.now()): void {
  const key = keyOf(credential);
  recent.delete(key);
  recent.set(key, { result, at: now });
  // The oldest first out: a Map iterates in insertion order, and a remembered key was moved to the end.
  while (recent.size > MAX_ENTRIES) recent.delete(recent.keys().next().value as string);
}

/** The remembered result and how old it is, when it is younger than `freshSeconds`; otherwise null. */
export function recentLookup(
  credential: { id: string; version: number },
  freshSeconds: number,
  now = Date.now(),
): { result: OrgLookupResult; ageSeconds: number } | null {
  const hit = recent.get(keyOf(credential));
  if (!hit) return null;
  const ageMs = now - hit.at;
  if (ageMs < 0 || ageMs >= freshSeconds * 1000) return null;
  return { result: hit.result, ageSeconds: Math.floor(ageMs / 1000) };
}
