import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";
import { ProvisioningPage } from "../pages/provisioning-page";
import { collectResponses, databaseFileContents, expectNowhere } from "../support/secret-leak";

// The secret ZITADEL generates for a user the console creates, and the operator's own ZITADEL access token the
// console acts with, are the console's alone: neither comes back in an API answer, a page, a bundle, the database
// files or the server log.

interface EmulatorUser {
  id: string;
  secret: string | null;
}

test("a provisioned user's new secret and ada's ZITADEL token appear nowhere", async ({ page, request, emulatorIssuer }) => {
  const responses = collectResponses(page);
  const provisioning = new ProvisioningPage(page);
  const userName = `prov-leak-${uniqueSuffix()}`;
  await provisioning.gotoNew();
  const jobId = await provisioning.create({ userName, name: "Leak check" });
  await provisioning.expectJobEnded("done");
  const credentialId = await provisioning.openCredential();

  const user = (await (await request.get(`${emulatorIssuer}/__emulator/users/${encodeURIComponent(userName)}`)).json()) as EmulatorUser;
  expect(user.secret, "the emulator holds the user's secret").toBeTruthy();
  const { tokens } = (await (await request.get(`${emulatorIssuer}/__emulator/operators/ada/access-tokens`)).json()) as { tokens: string[] };
  expect(tokens.length, "ada holds a live ZITADEL access token").toBeGreaterThan(0);
  for (const token of tokens) expect(token.length).toBeGreaterThan(16);

  await expectNowhere(page, [user.secret!, ...tokens], {
    apiPaths: [
      "/api/provisioning/jobs",
      `/api/provisioning/jobs/${jobId}`,
      "/api/provisioning/authorities",
      "/api/provisioning/orgs?authority=operator",
      "/api/provisioners",
      `/api/credentials/${credentialId}`,
      `/api/credentials/${credentialId}/tests`,
      `/api/audit?credentialId=${credentialId}`,
      "/api/me",
    ],
    pagePaths: [
      `/provisioning/${jobId}`,
      "/provisioning",
      "/credentials/new-service-user",
      `/credentials/${credentialId}`,
      "/settings/provisioners",
      "/settings",
    ],
    responses,
  });
  // The check looked at the right files: the new user's name is stored in clear.
  expect(databaseFileContents().some((bytes) => bytes.includes(userName))).toBe(true);
});
