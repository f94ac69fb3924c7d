import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// The credentials list at 1280 px, measured by element boxes: the table fits its box (no column behind a scroll), a
// diagnosis code is one line, a label looks like the link it is, and grouping by org puts "No known organization"
// last. The demo users this spec checks get a tag of its own, so the list can be narrowed to exactly them.

test.use({ viewport: { width: 1280, height: 900 } });

async function lookUp(api: APIRequestContext, id: string): Promise<void> {
  expect((await api.post(`/api/credentials/${id}/org`, { data: { trigger: "operator" } })).status()).toBe(200);
}

/** Adds a tag, reading the credential again when another spec changed it in between. */
async function addTag(api: APIRequestContext, id: string, tag: string): Promise<void> {
  await expect
    .poll(async () => {
      const current = (await (await api.get(`/api/credentials/${id}`)).json()) as { version: number; tags: string[] };
      const patched = await api.patch(`/api/credentials/${id}`, { data: { tags: [...current.tags, tag], version: current.version } });
      return patched.status();
    })
    .toBe(200);
}

test("at 1280 px the list fits its box, codes stay whole, labels read as links, and no known organization is grouped last", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const tag = `layout-${randomBytes(3).toString("hex")}`;
  const users = { reporter: DEMO_USERS.reporter, globex: DEMO_USERS.globex, noRole: DEMO_USERS.noRole, retired: DEMO_USERS.retired };
  const ids: Record<string, string> = {};
  for (const [name, user] of Object.entries(users)) {
    ids[name] = await registerCredential(api, {
      label: `Layout ${name}`,
      issuer: emulatorIssuer,
      clientId: user.clientId,
      clientSecret: user.secret,
    });
    await lookUp(api, ids[name]!);
    await addTag(api, ids[name]!, tag);
  }

  // The table's right edge is inside its box, and its box scrolls nothing sideways: "Last checked" is in view. The
  // whole list first (every spec's credentials so far), then this spec's four.
  const expectTableFits = async () => {
    const table = page.getByRole("table", { name: /^Credentials, \d+ in all$/ });
    const fits = await table.evaluate((element) => {
      const box = element.parentElement!;
      return {
        table: element.getBoundingClientRect().right,
        box: box.getBoundingClientRect().right,
        scroll: box.scrollWidth - box.clientWidth,
      };
    });
    expect(fits.table).toBeLessThanOrEqual(fits.box);
    expect(fits.scroll).toBe(0);
    const lastChecked = await page.getByRole("columnheader", { name: "Last checked" }).boundingBox();
    expect(lastChecked!.x + lastChecked!.width).toBeLessThanOrEqual(fits.box);
  };
  await credentialsPage.gotoList();
  await expect(page.getByTestId("credential-row").first()).toBeVisible();
  await expectTableFits();

  await page.goto(`/credentials?tag=${tag}`);
  await expect(credentialsPage.rowOf(ids.noRole!).getByTestId("credential-health-code")).toHaveText("missing_permission");
  await expect(page.getByTestId("credential-row")).toHaveCount(4);
  await expectTableFits();

  // A code is one word on one line: its box is one line high.
  const code = credentialsPage.rowOf(ids.noRole!).getByTestId("credential-health-code");
  const lines = await code.evaluate((element) => ({
    rects: element.getClientRects().length,
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(element).lineHeight),
  }));
  expect(lines.rects).toBe(1);
  expect(lines.height).toBeLessThan(lines.lineHeight * 1.5);

  // A label is a link and looks like one: underlined, and not in the colour of the text beside it.
  const link = credentialsPage.rowOf(ids.reporter!).getByRole("link").first();
  const looks = await link.evaluate((element) => ({
    decoration: getComputedStyle(element).textDecorationLine,
    color: getComputedStyle(element).color,
    text: getComputedStyle(element.closest("tr")!).color,
  }));
  expect(looks.decoration).toContain("underline");
  expect(looks.color).not.toBe(looks.text);

  // Grouped by org: ACME and Globex, then the credentials with no known organization, last although they are the most.
  await page.getByRole("button", { name: "Group by organization" }).click();
  const groups = page.getByTestId("org-group");
  await expect(groups).toHaveCount(3);
  await expect(groups.last()).toHaveAttribute("aria-label", "No known organization");
  await expect(groups.last().getByTestId("credential-row")).toHaveCount(2);
  await expect(groups.first()).toHaveAttribute("aria-label", /^(ACME Corporation|Globex Industries)$/);
  await expect(page.getByRole("region", { name: ACME_ORG.name })).toBeVisible();
});
