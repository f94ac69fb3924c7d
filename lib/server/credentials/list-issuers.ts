import "server-only";
import { getStore } from "@/lib/server/store";

/** Every issuer a credential is registered at, sorted: what the forms offer, since most teams have one or two. */
export async function listIssuers(): Promise<string[]> {
  return (await getStore()).listIssuers();
}
