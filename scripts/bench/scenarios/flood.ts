// Scenario 9: the app under load. An unauthenticated flood (8 KB paths, bodies of 100 MB, claimed or really sent)
// while a signed-in operator runs token tests: how many audit rows the flood adds, the app's peak resident memory, and
// the token test's median under the flood against its quiet one. Then 50 signed-in connections of token tests and
// org lookups: the app's resident memory while they run.
import { request as httpRequest } from "node:http";
import Database from "better-sqlite3";
import { pidListeningOn, residentMb } from "../../../e2e/support/app-process";
import type { ConsoleApi } from "../console-api";
import { summarize, time, type Summary } from "../measure";
import type { Stack } from "../stack";

const MIB = 1024 * 1024;
const FLOOD_BODY_BYTES = 100 * MIB;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);
const LONG_PATH = `/api/credentials/${"x".repeat(8 * 1024)}`;
const QUIET_RUNS = 30;

export interface Rss {
  beforeMb: number | null;
  peakMb: number | null;
  afterMb: number | null;
}

interface FloodResult {
  seconds: number;
  connections: number;
  requests: number;
  answers: Record<string, number>;
  auditRowsAdded: number;
  rss: Rss;
  /** Token tests during the flood, and how many of them did not answer ok. */
  tokenTest: { quiet: Summary; flood: Summary; ratio: number; failed: number };
}

interface LoadResult {
  seconds: number;
  connections: number;
  requests: number;
  answers: Record<string, number>;
  rss: Rss;
}

type Attack = "long path" | "claimed 100 MB" | "streamed 100 MB";
const ATTACKS: readonly Attack[] = ["long path", "claimed 100 MB", "long path", "streamed 100 MB"];

// One request as a script sends it: the body (if any) goes out 64 KB at a time until the app answers or closes the
// connection, up to 100 MB. Answers the status, or the code of the error that ended the connection.
function attack(origin: string, kind: Attack): Promise<number | string> {
  const { hostname, port } = new URL(origin);
  const headers: Record<string, string> =
    kind === "claimed 100 MB"
      ? { "content-type": "application/json", "content-length": String(FLOOD_BODY_BYTES), origin }
      : kind === "streamed 100 MB"
        ? { "content-type": "application/json", "transfer-encoding": "chunked", origin }
        : {};
  const method = kind === "long path" ? "GET" : "POST";
  const path = kind === "streamed 100 MB" ? "/api/credentials" : LONG_PATH;
  return new Promise((resolve) => {
    let answered = false;
    const request = httpRequest({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      answered = true;
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    request.flushHeaders();
    if (method === "GET") return void request.end();
    void (async () => {
      for (let sent = 0; sent < FLOOD_BODY_BYTES && !answered && !request.destroyed; sent += CHUNK.length) {
        await new Promise<void>((done) => request.write(CHUNK, () => done()));
      }
      if (!request.destroyed) request.end();
    })();
  });
}

function anonymousAuditRows(stack: Stack): number {
  const db = new Database(stack.sqlitePath, { readonly: true });
  try {
    db.pragma("busy_timeout = 10000");
    return (db.prepare("select count(*) as n from audit_log where actor = 'anonymous'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// The app's resident memory, sampled every 250 ms from /proc while `work` runs.
async function sampleRss<T>(stack: Stack, work: () => Promise<T>): Promise<{ value: T; rss: Rss }> {
  const pid = pidListeningOn(Number(new URL(stack.appOrigin).port));
  const beforeMb = residentMb(pid);
  let peakMb = beforeMb;
  const sampler = setInterval(() => {
    const now = residentMb(pid);
    if (now !== null) peakMb = Math.max(peakMb ?? 0, now);
  }, 250);
  try {
    const value = await work();
    return { value, rss: { beforeMb, peakMb, afterMb: residentMb(pid) } };
  } finally {
    clearInterval(sampler);
  }
}

// `connections` loops, each sending one request after another until the deadline; answers counted by status.
async function loop(connections: number, seconds: number, send: (index: number) => Promise<number | string>) {
  const answers: Record<string, number> = {};
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, index) => {
      for (let turn = index; Date.now() < deadline; turn += 1) {
        const outcome = String(await send(turn));
        answers[outcome] = (answers[outcome] ?? 0) + 1;
      }
    }),
  );
  return { answers, requests: Object.values(answers).reduce((sum, count) => sum + count, 0) };
}

export async function unauthenticatedFlood(
  stack: Stack,
  api: ConsoleApi,
  credentialId: string,
  options: { seconds: number; connections: number },
): Promise<FloodResult> {
  const tokenTest = async () => (await api.json<{ outcome: string }>("POST", `/api/credentials/${credentialId}/token`)).outcome === "ok";
  const quiet = await time(QUIET_RUNS, async () => {
    if (!(await tokenTest())) throw new Error("the token test fails before the flood: nothing to compare");
  });
  const rowsBefore = anonymousAuditRows(stack);
  const { value, rss } = await sampleRss(stack, async () => {
    const flood = loop(options.connections, options.seconds, (turn) => attack(stack.appOrigin, ATTACKS[turn % ATTACKS.length]!));
    const timings: number[] = [];
    let failed = 0;
    const deadline = Date.now() + options.seconds * 1000;
    while (Date.now() < deadline) {
      const started = performance.now();
      if (!(await tokenTest())) failed += 1;
      timings.push(performance.now() - started);
    }
    return { ...(await flood), flood: summarize(timings), failed };
  });
  return {
    seconds: options.seconds,
    connections: options.connections,
    requests: value.requests,
    answers: value.answers,
    auditRowsAdded: anonymousAuditRows(stack) - rowsBefore,
    rss,
    tokenTest: { quiet, flood: value.flood, ratio: Math.round((value.flood.medianMs / quiet.medianMs) * 100) / 100, failed: value.failed },
  };
}

export async function signedInLoad(
  stack: Stack,
  api: ConsoleApi,
  credentialId: string,
  options: { seconds: number; connections: number },
): Promise<LoadResult> {
  const calls = [`/api/credentials/${credentialId}/token`, `/api/credentials/${credentialId}/org`];
  const { value, rss } = await sampleRss(stack, () =>
    loop(options.connections, options.seconds, async (turn) => {
      const response = await api.call("POST", calls[turn % calls.length]!);
      await response.arrayBuffer();
      return response.status;
    }),
  );
  return { seconds: options.seconds, connections: options.connections, ...value, rss };
}
