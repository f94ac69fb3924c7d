import "server-only";
import { fetch, type Headers } from "undici";
import { getEnv } from "@/lib/env";
import { checkRequestUrl, isAllowListed, issuerAllowList, type AllowList } from "./address-policy";
import { agentFor } from "./agents";
import { classifyFetchError, OutboundError, type FetchPhase } from "./outbound-error";

// The only way this app talks to an issuer: policy-checked URL, guarded socket, one deadline,
// no redirects, a byte cap on the body, never the Next fetch cache (docs/security.md#the-guarded-outbound-client).

export const MAX_RESPONSE_BYTES = 256 * 1024;

export interface GuardedRequest {
  /** PUT and DELETE for the Management API's writes (provisioning). */
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  /**
   * Query parameters the app adds (e.g. the Management API's `?loginName=`), encoded here and appended after the
   * address check, which refuses a URL that arrives with a query: that is an issuer with one, which is never valid.
   */
  query?: Record<string, string>;
  body?: string | URLSearchParams;
  /** The caller's signal (e.g. the incoming request's); combined with the deadline. */
  signal?: AbortSignal;
  /** Overrides UPSTREAM_TIMEOUT_MS for this call. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Origins that may be private or plain http; ALLOWED_ISSUERS unless given (the alert webhook has its own). */
  allowList?: AllowList;
}

export interface GuardedResponse {
  url: string;
  status: number;
  headers: Headers;
  /** Media type only, lowercased, without parameters (e.g. "application/json"); null when absent. */
  contentType: string | null;
  bodyText: string;
  latencyMs: number;
  remoteAddress: string | null;
}

export async function guardedFetch(input: string | URL, init: GuardedRequest = {}): Promise<GuardedResponse> {
  const url = new URL(input);
  const allowList = init.allowList ?? issuerAllowList();
  const reason = checkRequestUrl(url, allowList);
  if (reason) throw new OutboundError("blocked_address", reason);
  if (init.query) url.search = new URLSearchParams(init.query).toString();

  const timeoutMs = init.timeoutMs ?? getEnv().UPSTREAM_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
  const pooled = agentFor(url.origin, isAllowListed(url.origin, allowList), timeoutMs);
  const started = performance.now();
  let phase: FetchPhase = "before_answer";

  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      cache: "no-store",
      signal,
      dispatcher: pooled.agent,
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw redirectError(response.status, response.headers.get("location"), url);
    }
    const maxBytes = init.maxBytes ?? MAX_RESPONSE_BYTES;
    const declared = Number(response.headers.get("content-length") ?? "NaN");
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    phase = "reading_body";
    const bytes = await readCapped(response.body, maxBytes);
    return {
      url: url.href,
      status: response.status,
      headers: response.headers,
      contentType: mediaType(response.headers.get("content-type")),
      bodyText: new TextDecoder().decode(bytes),
      latencyMs: Math.round(performance.now() - started),
      remoteAddress: pooled.lastRemoteAddress,
    };
  } catch (error) {
    throw classifyFetchError(error, deadline, init.signal, phase);
  }
}

type ResponseBody = Awaited<ReturnType<typeof fetch>>["body"];

async function readCapped(body: ResponseBody, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function redirectError(status: number, location: string | null, from: URL): OutboundError {
  let target: string | undefined;
  try {
    target = location ? new URL(location, from).origin : undefined;
  } catch {
    target = undefined;
  }
  const where = target && target !== "null" ? ` to ${target}` : "";
  return new OutboundError("redirect", `The issuer answered with a redirect (HTTP ${status})${where}, which is not followed.`, {
    status,
    location: target,
  });
}

function tooLarge(maxBytes: number): OutboundError {
  return new OutboundError("too_large", `The issuer's answer is larger than ${Math.round(maxBytes / 1024)} KiB.`);
}

function mediaType(header: string | null): string | null {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type || null;
}
