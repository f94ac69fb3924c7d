// Scenario 10: support pastes a login name and gets the card. POST /api/lookup/user as ada (her own ZITADEL account
// from the sign-in): the user found across the instance, read, its org, keys, PATs, memberships and grants, one call
// after another against the emulator, then the console's credentials of that user. What the page waits for.
import type { ConsoleApi } from "../console-api";
import { expectOk, time, type Summary } from "../measure";

export async function userLookup(api: ConsoleApi, runs: number, query = "acme-no-role"): Promise<Summary> {
  const body = { query, authority: { kind: "operator" } };
  return time(runs, async () => (await expectOk(await api.call("POST", "/api/lookup/user", body), "POST /api/lookup/user")).json());
}
