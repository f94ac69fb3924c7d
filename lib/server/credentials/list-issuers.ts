import "server-only";
import { getEnv } from "@/lib/env";
import { getStore } from "@/lib/server/store";

/** Every issuer a credential is registered at, sorted: what the forms offer, since most teams have one or two. */
export async function listIssuers(): Promise<string[]> {
  return (await getStore()).credentials.listIssuers();
}

/** The issuer the forms start with (DEFAULT_ISSUER; the emulator's in the demo), or null to start empty. */
export function defaultIssuer(): string | null {
  return getEnv().DEFAULT_ISSUER ?? null;
}
