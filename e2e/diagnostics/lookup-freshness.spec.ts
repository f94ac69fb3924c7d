import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";
import { emulatorStats, registerCredential } from "./demo-credentials";

// A credential page looks its organization up on its own; opening it again within LOOKUP_FRESH_SECONDS (60 s by
// default) shows that answer again, saying how old it is, without asking ZITADEL; these lookups stay out of the test
// history and leave one audit row, not one per visit. "Look up now" asks ZITADEL, and is on record like any check.
// A client ID ZITADEL does not know, new to this run: the emulator counts its token requests for this spec alone.

test("the page's own lookup is reused while fresh and kept out of the history; Look up now is live and recorded", async ({
  page,
  api,
  request,
  detailPage,
  emulatorIssuer,
}) => {
  const clientId = `fresh-lookup-${randomBytes(4).toString("hex")}`;
  const id = await registerCredential(api, {
    label: `Fresh ${clientId}`,
    issuer: emulatorIssuer,
    clientId,
    clientSecret: "FreshLookupSecret2026xxxxxxxxxx1",
  });
  const tokenRequests = async () => (await emulatorStats(request, emulatorIssuer)).token.byClient[clientId] ?? 0;
  const lookedUp = detailPage.orgPanel.getByTestId("org-looked-up");

  await detailPage.goto(id);
  await detailPage.expectOrgSettled();
  await expect(lookedUp).toContainText("looked up");
  await expect(lookedUp).not.toContainText("recent result");
  const live = await tokenRequests();
  expect(live).toBeGreaterThan(0);

  // Open again: the same answer, said to be a recent one, and ZITADEL was not asked.
  await page.reload();
  await detailPage.expectOrgSettled();
  await expect(lookedUp).toContainText(/looked up .+ \(recent result\)/);
  expect(await tokenRequests()).toBe(live);
  const history = page.getByRole("region", { name: "Test history" });
  await expect(history).toContainText("No tests yet.");

  // Look up now: live, and on record in the history.
  await detailPage.refreshOrg();
  await expect(lookedUp).not.toContainText("recent result");
  expect(await tokenRequests()).toBeGreaterThan(live);
  await expect(detailPage.historyRows()).toHaveCount(1);

  // Two visits, one audit row for the page's own lookups; one for the click.
  const audit = await api.get(`/api/audit?credentialId=${id}&action=org.lookup`);
  const { items } = (await audit.json()) as { items: { detail: { trigger?: string } | null }[] };
  expect(items.map((item) => item.detail?.trigger).sort()).toEqual(["auto", "operator"]);
});
