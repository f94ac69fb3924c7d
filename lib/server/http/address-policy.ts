import "server-only";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";

// Which issuer URLs and which connected addresses outbound calls may use (docs/security.md#the-guarded-outbound-client).

const MAX_HOSTNAME_LENGTH = 253;
// ipaddr.js calls the deprecated IPv4-compatible block (::7f00:1 is ::127.0.0.1) "unicast".
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

export type IssuerUrlCheck = { ok: true; origin: string } | { ok: false; reason: string };

/** Origins an outbound call may reach although private, loopback, plain http or on another port; and the setting that lists them. */
export interface AllowList {
  origins: readonly string[];
  setting: string;
}

/** Issuers: the operator's ALLOWED_ISSUERS (e.g. a local emulator or a self-hosted ZITADEL). */
export function issuerAllowList(): AllowList {
  return { origins: getEnv().ALLOWED_ISSUERS, setting: "ALLOWED_ISSUERS" };
}

/** True when the operator listed this exact origin (in ALLOWED_ISSUERS unless another list is given). */
export function isAllowListed(origin: string, allow: AllowList = issuerAllowList()): boolean {
  return allow.origins.includes(origin);
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
export function checkRequestUrl(url: URL, allow: AllowList = issuerAllowList()): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only https:// issuers are supported.";
  if (url.username || url.password) return "The issuer must not contain a user name or password.";
  if (url.search || url.hash || url.href.includes("?") || url.href.includes("#")) {
    return "The issuer must not contain a query (?…) or fragment (#…).";
  }
  if (url.hostname.length === 0 || url.hostname.length > MAX_HOSTNAME_LENGTH) {
    return `The host name must be 1 to ${MAX_HOSTNAME_LENGTH} characters long.`;
  }
  if (isAllowListed(url.origin, allow)) return null;
  if (url.protocol === "http:") {
    return `Plain http:// is only allowed for origins listed in ${allow.setting}; use https://${url.host}.`;
  }
  if (url.port !== "") return `Port ${url.port} is only allowed for origins listed in ${allow.setting}; use https on 443.`;
  if (isLocalName(url.hostname)) return `${url.hostname} is a local address; add ${url.origin} to ${allow.setting} to use it.`;
  const literal = ipLiteral(url.hostname);
  if (literal && !isPublicUnicast(literal)) {
    return `${url.hostname} is a private, loopback or reserved address; add ${url.origin} to ${allow.setting} to use it.`;
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
