import "server-only";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";

// Which issuer URLs and which connected addresses outbound calls may use.

const MAX_HOSTNAME_LENGTH = 253;
// ipaddr.js calls the deprecated IPv4-compatible block (::7f00:1 is ::127.0.0.1) "unicast".
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

export type IssuerUrlCheck = { ok: true; origin: string } | { ok: false; reason: string };

/** True when the operator listed this exact origin in ALLOWED_ISSUERS (e.g. a local emulator or a self-hosted ZITADEL). */
export function isAllowListed(origin: string): boolean {
  return getEnv().ALLOWED_ISSUERS.includes(origin);
}

/** Public unicast only: loopback, private, link-local (cloud metadata), CGNAT, reserved and embedded forms are not. */
export function isPublicUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv6" && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === "unicast";
}

/** Validates an issuer as an operator typed it, at registration time. Returns the normalized origin. */
export function checkIssuerUrl(input: string): IssuerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: "Enter the issuer as a URL such as https://acme.zitadel.cloud." };
  }
  if (url.pathname !== "/") {
    return { ok: false, reason: `The issuer is the bare origin (${url.origin}), without a path.` };
  }
  const reason = checkRequestUrl(url);
  return reason ? { ok: false, reason } : { ok: true, origin: url.origin };
}

/** Checks any URL before a request goes out: scheme, credentials, query, port, hostname. Returns a reason or null. */
export function checkRequestUrl(url: URL): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only https:// issuers are supported.";
  if (url.username || url.password) return "The issuer must not contain a user name or password.";
  if (url.search || url.hash || url.href.includes("?") || url.href.includes("#")) {
    return "The issuer must not contain a query (?…) or fragment (#…).";
  }
  if (url.hostname.length === 0 || url.hostname.length > MAX_HOSTNAME_LENGTH) {
    return `The host name must be 1 to ${MAX_HOSTNAME_LENGTH} characters long.`;
  }
  if (isAllowListed(url.origin)) return null;
  if (url.protocol === "http:") {
    return `Plain http:// is only allowed for issuers listed in ALLOWED_ISSUERS; use https://${url.host}.`;
  }
  if (url.port !== "") return `Port ${url.port} is only allowed for issuers listed in ALLOWED_ISSUERS; ZITADEL serves https on 443.`;
  if (isLocalName(url.hostname)) return `${url.hostname} is a local address; add ${url.origin} to ALLOWED_ISSUERS to use it.`;
  const literal = ipLiteral(url.hostname);
  if (literal && !isPublicUnicast(literal)) {
    return `${url.hostname} is a private, loopback or reserved address; add ${url.origin} to ALLOWED_ISSUERS to use it.`;
  }
  return null;
}

/** The IP address a URL hostname spells, if it is an IP literal (the WHATWG parser already normalized 0x7f.1 and friends). */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

function isLocalName(hostname: string): boolean {
  const name = hostname.replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}
