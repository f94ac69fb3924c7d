import { expect, test } from "../fixtures";

// The API reference is for every signed-in operator: a viewer finds it in the navigation and reads a route's role,
// parameters and answers there, generated from the same document /api/openapi.json serves.

test("a viewer opens the API reference from the navigation and reads a route's parameters and answers", async ({ pageAs }) => {
  const page = await pageAs("viewer");
  await page.goto("/credentials");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API", exact: true }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  await page.getByRole("navigation", { name: "Routes" }).getByRole("link", { name: "GET /api/credentials", exact: true }).click();
  const list = page.getByRole("article", { name: "GET /api/credentials", exact: true });
  await expect(list).toContainText("Needs the viewer role.");
  await expect(list.getByRole("button", { name: "Hide parameters and answers" })).toHaveAttribute("aria-expanded", "true");
  const parameters = list.getByRole("region", { name: "GET /api/credentials parameters" });
  await expect(parameters.getByRole("row", { name: /^limit query no integer/ })).toBeVisible();
  const answers = list.getByRole("region", { name: "GET /api/credentials answers" });
  await expect(answers.getByRole("row", { name: /^200 OK application\/json/ })).toBeVisible();
  await expect(answers.getByRole("row", { name: /^401 No session/ })).toBeVisible();

  await list.getByText("200 application/json schema").click();
  await expect(list.locator("pre").filter({ hasText: '"nextCursor"' })).toBeVisible();
});

test("the reference is JSON for scripts, behind the session like every other route", async ({ api, requestAs }) => {
  const answer = await api.get("/api/openapi.json");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["cache-control"]).toContain("no-store");
  expect(await answer.json()).toMatchObject({ openapi: "3.1.0", paths: { "/api/credentials/{id}": { get: { "x-role": "viewer" } } } });
  expect((await (await requestAs("anonymous")).get("/api/openapi.json")).status()).toBe(401);
});
