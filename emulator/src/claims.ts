import { reservedClaims } from "./scopes";
import type { Org, ServiceUser } from "./seed";

/** Machine users have no email or phone; `profile` gives name, preferred_username and updated_at. */
export function profileClaims(user: ServiceUser, scopes: string[]): Record<string, string | number> {
  if (!scopes.includes("profile")) return {};
  return { name: user.name, preferred_username: user.username, updated_at: updatedAt(user) };
}

/** Userinfo-style claims of a service user for the granted scopes (sub excluded). */
export function serviceUserClaims(user: ServiceUser, org: Org, scopes: string[]): Record<string, string | number> {
  return { ...profileClaims(user, scopes), ...reservedClaims(scopes, org) };
}

function updatedAt(user: ServiceUser): number {
  return user.changedAt ? Math.floor(Date.parse(user.changedAt) / 1000) : 0;
}
