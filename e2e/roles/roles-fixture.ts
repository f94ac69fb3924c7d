import type { APIRequestContext } from "@playwright/test";
import { registerCredential } from "../diagnostics/demo-credentials";
import { expect } from "../fixtures";

// A working credential for the role specs (a demo service user no other spec uses), with an org lookup in its history.

export const ROLES_SERVICE_USER = { clientId: "billing+ops@acme", secret: "B1llingOpsDemoSecret2026xxxxxxx6", orgName: "ACME Corporation" };

export async function registerRolesCredential(admin: APIRequestContext, issuer: string): Promise<{ id: string; label: string }> {
  const id = await registerCredential(admin, {
    label: "Billing ops (roles)",
    issuer,
    clientId: ROLES_SERVICE_USER.clientId,
    clientSecret: ROLES_SERVICE_USER.secret,
  });
  const lookup = await admin.post(`/api/credentials/${id}/org`);
  expect(lookup.status()).toBe(200);
  expect(await lookup.json()).toMatchObject({ outcome: "ok", org: { name: ROLES_SERVICE_USER.orgName } });
  const { label } = (await (await admin.get(`/api/credentials/${id}`)).json()) as { label: string };
  return { id, label };
}
