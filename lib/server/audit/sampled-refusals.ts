import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditAction } from "@/lib/schemas/audit";
import { processSingleton } from "@/lib/server/process-singleton";
import { recordAuditSafely, type AuditFacts } from "./record-audit";

// Refusals before anyone is known (no session, a failed sign-in callback) cost the sender nothing, and each audit row
// is a hash-chained write that is kept for good. So they are sampled: the first of a source's minute is recorded at
// once, the rest of that minute are counted and recorded as one row with the count when the minute ends. Sources
// beyond the first hundred in a minute share one count; paths are cut short.

const ANONYMOUS = { id: "anonymous", name: "anonymous" } as const;
export const SAMPLE_WINDOW_MS = 60_000;
const MAX_SOURCES = 100;
const OTHER_SOURCES = "(other sources)";
export const MAX_AUDITED_PATH = 256;

export interface AnonymousRefusal {
  action: AuditAction;
  requestId: string;
  /** The client's address, when known; refusals without one count as one source. */
  ip: string | null;
  facts: AuditFacts;
}

interface Window {
  repeated: number;
  last: AnonymousRefusal;
}

export interface RefusalSampler {
  record(refusal: AnonymousRefusal): Promise<void>;
}

type Write = (refusal: AnonymousRefusal) => Promise<void>;

export function createRefusalSampler(write: Write, windowMs = SAMPLE_WINDOW_MS, maxSources = MAX_SOURCES): RefusalSampler {
  const windows = new Map<string, Window>();

  function close(key: string): Promise<void> {
    const window = windows.get(key);
    windows.delete(key);
    if (!window || window.repeated === 0) return Promise.resolve();
    const { last } = window;
    return write({
      ...last,
      requestId: randomUUID(),
      facts: { ...last.facts, detail: { ...last.facts.detail, sampled: true, repeated: window.repeated, windowSeconds: windowMs / 1000 } },
    });
  }

  return {
    async record(refusal) {
      const source = refusal.ip ?? "unknown";
      const key = `${refusal.action} ${windows.has(`${refusal.action} ${source}`) || windows.size < maxSources ? source : OTHER_SOURCES}`;
      const open = windows.get(key);
      if (open) {
        open.repeated += 1;
        open.last = refusal;
        return;
      }
      windows.set(key, { repeated: 0, last: refusal });
      setTimeout(() => void close(key), windowMs).unref();
      await write(refusal);
    },
  };
}

/** The request's path, cut to a length an audit row can carry. */
export function auditedPath(url: string): string {
  const { pathname } = new URL(url);
  return pathname.length > MAX_AUDITED_PATH ? `${pathname.slice(0, MAX_AUDITED_PATH)}…` : pathname;
}

const sampler = () =>
  processSingleton("anonymous-refusals", () =>
    createRefusalSampler((refusal) =>
      recordAuditSafely({ operator: ANONYMOUS, requestId: refusal.requestId, ip: refusal.ip }, refusal.action, refusal.facts),
    ),
  );

/** Records a refusal of someone not signed in, sampled per source and minute. */
export function recordAnonymousRefusal(refusal: AnonymousRefusal): Promise<void> {
  return sampler().record(refusal);
}
