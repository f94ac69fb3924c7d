import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import {
  DESKTOP,
  PHONE,
  expectDetailSettled,
  lookUpOnRecord,
  registerHealthy,
  registerKeyFile,
  registerNoRole,
  registerPat,
  registerUntested,
  PROVISIONING_PAGES,
  startServiceUserJob,
} from "./a11y-pages";
import { uniqueSuffix } from "../pages/credentials-page";

// Every page through axe-core, in both colour schemes and at desktop and phone width: any violation, whatever its
// impact, fails the test with the rule, the page variant and the elements it found. Each page loads once: the dark
// scheme is CSS alone (prefers-color-scheme) and the layout follows the viewport, so the page is switched through the
// four variants in place, as a user turning their phone or their system's theme would.

// Pages that wait on the emulator (an org lookup, a provisioning job) can take a while on a busy machine.
test.slow();

const VARIANTS = [
  { name: "light desktop", colorScheme: "light", viewport: DESKTOP },
  { name: "light 390 px", colorScheme: "light", viewport: PHONE },
  { name: "dark 390 px", colorScheme: "dark", viewport: PHONE },
  { name: "dark desktop", colorScheme: "dark", viewport: DESKTOP },
] as const;

/**
 * Waits until the page has laid itself out again after a switch: two frames, then any transition it started on what is
 * shown. A transition inside a closed <details> never runs (its content is not rendered), so it would never finish.
 */
async function settle(page: Page) {
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const shown = document.getAnimations().filter((animation) => {
      const target = animation.effect instanceof KeyframeEffect ? animation.effect.target : null;
      return target?.checkVisibility() ?? true;
    });
    await Promise.all(shown.map((animation) => animation.finished.catch(() => undefined)));
  });
}

/** Opens `path`, waits for `ready`, then returns axe's findings in every variant, one line each. */
async function violations(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  await page.setViewportSize(VARIANTS[0].viewport);
  await page.emulateMedia({ colorScheme: VARIANTS[0].colorScheme, reducedMotion: "reduce" });
  await page.goto(path);
  for (const variant of VARIANTS) {
    await page.setViewportSize(variant.viewport);
    await page.emulateMedia({ colorScheme: variant.colorScheme, reducedMotion: "reduce" });
    await ready(page);
    await settle(page);
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      const targets = violation.nodes.map(
        (node) => `${node.target.join(" ")} ${node.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}`,
      );
      found.push(`${path} [${variant.name}] ${violation.id} (${violation.impact}): ${violation.help}\n    ${targets.join("\n    ")}`);
    }
  }
  return found;
}

function heading(name: string | RegExp) {
  return async (page: Page) => {
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  };
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has no axe violations", async ({ page }) => {
    expect(await violations(page, "/login", heading("Sign in"))).toEqual([]);
  });
});

test("the credentials list has no axe violations", async ({ page, api, emulatorIssuer }) => {
  await registerHealthy(api, emulatorIssuer);
  await registerUntested(api, emulatorIssuer);
  const ready = async (page: Page) => {
    await expect(page.getByTestId("credential-row").filter({ hasText: "Never tested" }).first()).toBeVisible();
  };
  expect(await violations(page, "/credentials", ready)).toEqual([]);
});

test("the register and import pages have no axe violations", async ({ page }) => {
  const found = [
    ...(await violations(page, "/credentials/new", heading("Register a credential"))),
    ...(await violations(page, "/credentials/import", heading("Import credentials"))),
  ];
  expect(found).toEqual([]);
});

test("a credential's page, with its org and test history, and its edit page have no axe violations", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  const id = await lookUpOnRecord(api, await registerHealthy(api, emulatorIssuer));
  const found = [
    ...(await violations(page, `/credentials/${id}`, expectDetailSettled)),
    ...(await violations(page, `/credentials/${id}/edit`, async (page) => {
      await heading("Edit credential")(page);
      await expect(page.getByRole("button", { name: /save/i })).toBeVisible();
    })),
  ];
  expect(found).toEqual([]);
});

test("a credential's page with a diagnosis has no axe violations", async ({ page, api, emulatorIssuer }) => {
  const id = await lookUpOnRecord(api, await registerNoRole(api, emulatorIssuer));
  expect(await violations(page, `/credentials/${id}`, expectDetailSettled)).toEqual([]);
});

test("a key file's and a personal access token's pages have no axe violations", async ({ page, api, emulatorIssuer }) => {
  const keyId = await lookUpOnRecord(api, await registerKeyFile(api, emulatorIssuer));
  const patId = await lookUpOnRecord(api, await registerPat(api, emulatorIssuer));
  const found = [
    ...(await violations(page, `/credentials/${keyId}`, expectDetailSettled)),
    ...(await violations(page, `/credentials/${patId}`, expectDetailSettled)),
  ];
  expect(found).toEqual([]);
});

test("the introspection clients page has no axe violations", async ({ page }) => {
  const ready = async (page: Page) => {
    await heading("Introspection clients")(page);
    await expect(page.getByTestId("introspection-client").or(page.getByText("None yet.")).first()).toBeVisible();
  };
  expect(await violations(page, "/settings/introspection", ready)).toEqual([]);
});

test("the settings page of alerts and scheduled checks has no axe violations", async ({ page }) => {
  const ready = async (page: Page) => {
    await heading("Alerts and scheduled checks")(page);
    await expect(page.getByRole("button", { name: "Send a test alert" })).toBeVisible();
  };
  expect(await violations(page, "/settings", ready)).toEqual([]);
});

test("the new service user page, the provisioning jobs, a job and the provisioners have no axe violations", async ({ page, api }) => {
  const jobId = await startServiceUserJob(api, `a11y-prov-${uniqueSuffix()}`);
  const found = [
    ...(await violations(page, PROVISIONING_PAGES.newServiceUser, async (page) => {
      await heading("New service user")(page);
      await expect(page.getByLabel("Organization", { exact: true }).locator("option").first()).not.toHaveText(/Loading/);
    })),
    ...(await violations(page, PROVISIONING_PAGES.jobs, async (page) => {
      await heading("Provisioning")(page);
      await expect(page.getByTestId("job-row").first()).toBeVisible();
    })),
    ...(await violations(page, `/provisioning/${jobId}`, async (page) => {
      await expect(page.getByTestId("provisioning-job")).not.toHaveAttribute("data-state", "running", { timeout: 30_000 });
    })),
    ...(await violations(page, PROVISIONING_PAGES.settings, async (page) => {
      await expect(page.getByRole("region", { name: "Provisioners" }).getByRole("button", { name: "Register provisioner" })).toBeVisible();
    })),
  ];
  expect(found).toEqual([]);
});

test("the audit log has no axe violations", async ({ page, api, emulatorIssuer }) => {
  await registerUntested(api, emulatorIssuer);
  const ready = async (page: Page) => {
    await heading("Audit log")(page);
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
  };
  expect(await violations(page, "/audit", ready)).toEqual([]);
});

test("the API reference has no axe violations", async ({ page }) => {
  const ready = async (page: Page) => {
    await heading("API reference")(page);
    await expect(page.getByRole("button", { name: "Hide parameters and answers" }).first()).toBeVisible();
  };
  // One route opened (by its link), so its tables are checked too.
  expect(await violations(page, "/api-reference#getApiCredentials", ready)).toEqual([]);
});

test("the operators page, with its table of buttons, has no axe violations", async ({ page }) => {
  const ready = async (page: Page) => {
    await heading("Operators")(page);
    await expect(page.getByTestId("operator-row").first()).toBeVisible();
  };
  expect(await violations(page, "/operators", ready)).toEqual([]);
});

test("the test-all runs and a finished run have no axe violations", async ({ page, api, emulatorIssuer, requestAs }) => {
  const id = await registerUntested(api, emulatorIssuer);
  // Oscar starts it: one run at a time per operator, and the test-all spec's runs are ada's.
  const oscar = await requestAs("operator");
  const started = await oscar.post("/api/runs", { data: { scope: { kind: "selected", ids: [id] } } });
  expect(started.status(), await started.text()).toBe(201);
  const runId = ((await started.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await api.get(`/api/runs/${runId}`)).json()) as { run: { state: string } }).run.state, { timeout: 30_000 })
    .toBe("done");
  const found = [
    ...(await violations(page, "/runs", async (page) => {
      await heading("Test-all runs")(page);
      await expect(page.getByTestId("run-row").first()).toBeVisible();
    })),
    ...(await violations(page, `/runs/${runId}`, async (page) => {
      await heading(/Test-all run/)(page);
      await expect(page.getByTestId("run-item").first()).toBeVisible();
    })),
  ];
  expect(found).toEqual([]);
});

test("the not-found pages have no axe violations", async ({ page }) => {
  const found = [
    ...(await violations(page, "/no-such-page", heading("This page does not exist"))),
    ...(await violations(page, "/credentials/00000000-0000-4000-8000-000000000000", heading("This credential does not exist"))),
  ];
  expect(found).toEqual([]);
});
