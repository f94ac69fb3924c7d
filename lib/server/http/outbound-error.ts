import "server-only";

// One typed failure for every outbound call; the message is ours, never upstream text.

export type OutboundErrorKind =
  | "dns"
  | "refused"
  | "tls"
  | "timeout"
  | "aborted"
  | "blocked_address"
  | "redirect"
  | "too_large"
  | "closed_before_answer"
  | "answer_interrupted"
  | "network";

/** How far a call got before it failed: a connection lost before the status line differs from one lost mid-body. */
export type FetchPhase = "before_answer" | "reading_body";

export interface OutboundErrorExtra {
  /** Low-level code, e.g. ENOTFOUND or CERT_HAS_EXPIRED: safe to show, useful to an operator. */
  code?: string;
  /** HTTP status of a refused redirect. */
  status?: number;
  /** Origin a redirect pointed to (never the full Location). */
  location?: string;
  cause?: unknown;
}

export class OutboundError extends Error {
  readonly kind: OutboundErrorKind;
  readonly code?: string;
  readonly status?: number;
  readonly location?: string;

  constructor(kind: OutboundErrorKind, message: string, extra: OutboundErrorExtra = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "OutboundError";
    this.kind = kind;
    this.code = extra.code;
    this.status = extra.status;
    this.location = extra.location;
  }
}

/** Thrown by the connector when a socket would reach (or reached) an address the policy refuses. */
export class BlockedAddressError extends Error {
  readonly code = "EBLOCKEDADDRESS";
  readonly address: string;
  constructor(address: string) {
    super(`connection to ${address} refused by the outbound address policy`);
    this.name = "BlockedAddressError";
    this.address = address;
  }
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
// The peer closed (FIN) or reset (RST) the connection: before the status line, that is an issuer that did not answer.
const CLOSED_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_CLOSED"]);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/** Maps whatever fetch threw to an OutboundError. The deadline and the caller's signal are checked first. */
export function classifyFetchError(
  error: unknown,
  deadline: AbortSignal,
  caller?: AbortSignal,
  phase: FetchPhase = "before_answer",
): OutboundError {
  if (error instanceof OutboundError) return error;
  if (caller?.aborted) return new OutboundError("aborted", "The request was cancelled.", { cause: error });
  if (deadline.aborted) return new OutboundError("timeout", "The issuer did not answer in time.", { cause: error });
  let firstCode: string | undefined;
  for (const link of causeChain(error)) {
    if (link instanceof BlockedAddressError) {
      return new OutboundError("blocked_address", "The issuer resolves to a private, loopback or reserved address.", {
        code: link.code,
        cause: error,
      });
    }
    const code = errorCode(link);
    if (!code) continue;
    if (DNS_CODES.has(code)) return new OutboundError("dns", "The issuer's host name could not be resolved.", { code, cause: error });
    if (code === "ECONNREFUSED") return new OutboundError("refused", "The issuer refused the connection.", { code, cause: error });
    if (TIMEOUT_CODES.has(code)) return new OutboundError("timeout", "The issuer did not answer in time.", { code, cause: error });
    if (TLS_CODE.test(code)) return new OutboundError("tls", "The issuer's TLS certificate was not accepted.", { code, cause: error });
    firstCode ??= code;
  }
  // The status line and headers had arrived: the issuer answered, and the connection broke while the body came.
  if (phase === "reading_body") {
    return new OutboundError("answer_interrupted", "The connection broke while the issuer's answer was arriving.", {
      code: firstCode,
      cause: error,
    });
  }
  if (firstCode && CLOSED_CODES.has(firstCode)) {
    return new OutboundError("closed_before_answer", "The issuer closed the connection without answering.", {
      code: firstCode,
      cause: error,
    });
  }
  return new OutboundError("network", "The connection to the issuer failed.", { code: firstCode, cause: error });
}

function* causeChain(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth += 1) {
    yield current;
    if (current instanceof AggregateError) yield* current.errors;
    current = (current as { cause?: unknown }).cause;
  }
}

function errorCode(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
