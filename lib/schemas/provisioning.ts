import { managerRoles } from "@/lib/manager-roles";
import { z } from "@/lib/zod";
import { labelSchema, scopesSchema, tagsSchema } from "./credential";
import { diagnosisSchema } from "./diagnostics";

// Provisioning through ZITADEL's Management API, as the API takes and answers it: creating a service user step by
// step, rotating a secret in ZITADEL, and the fixes the console can make for a diagnosis. Never a secret or a token.

export { managerRoleLabels, managerRoles, type ManagerRole } from "@/lib/manager-roles";

export const managerRoleSchema = z.enum(managerRoles, { error: "Choose one of ZITADEL's org manager roles." });

/**
 * Whose ZITADEL permissions a call uses: the signed-in operator's own token (only at the issuer the console signs in
 * with), or a provisioner, a credential an admin registered for its issuer.
 */
export const authorityRefSchema = z.discriminatedUnion(
  "kind",
  [z.object({ kind: z.literal("operator") }), z.object({ kind: z.literal("provisioner"), credentialId: z.uuid("Not a credential id.") })],
  { error: 'Choose whose ZITADEL permissions to use: {"kind":"operator"} or {"kind":"provisioner","credentialId":…}.' },
);
export type AuthorityRef = z.output<typeof authorityRefSchema>;

export const authoritySchema = z.object({
  kind: z.enum(["operator", "provisioner"]),
  /** Set for a provisioner. */
  credentialId: z.string().nullable(),
  issuer: z.string(),
  /** "Your own ZITADEL account (Ada Admin)" or "Provisioner ops-admin (client ID ops-admin)". */
  label: z.string(),
  available: z.boolean(),
  /** Why it cannot be used now, e.g. "Sign out and in again so the console holds your ZITADEL token." */
  reason: z.string().nullable(),
});
export type Authority = z.infer<typeof authoritySchema>;

export const authoritiesResponseSchema = z.object({ authorities: z.array(authoritySchema) });
export type AuthoritiesResponse = z.infer<typeof authoritiesResponseSchema>;

export const provisionerSchema = z.object({
  issuer: z.string(),
  credentialId: z.string(),
  label: z.string(),
  clientId: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type Provisioner = z.infer<typeof provisionerSchema>;
export const provisionersResponseSchema = z.object({ provisioners: z.array(provisionerSchema) });
export type ProvisionersResponse = z.infer<typeof provisionersResponseSchema>;
export const registerProvisionerSchema = z.object({ credentialId: z.uuid("Not a credential id.") });

export const zitadelOrgSchema = z.object({ id: z.string(), name: z.string(), primaryDomain: z.string() });
export type ZitadelOrg = z.infer<typeof zitadelOrgSchema>;
export const orgsResponseSchema = z.object({ orgs: z.array(zitadelOrgSchema) });
export type OrgsResponse = z.infer<typeof orgsResponseSchema>;

const ZITADEL_ID = /^\d{1,30}$/;
// ZITADEL's username rules for machine users: 1–200 characters, no whitespace.
export const machineUserNameSchema = z
  .string({ error: "Enter a username." })
  .trim()
  .min(1, "Enter a username.")
  .max(200, "Keep the username to 200 characters.")
  .refine((value) => !/\s/.test(value), "A username has no spaces.");

export const accessTokenTypes = ["bearer", "jwt"] as const;

export const createServiceUserSchema = z.object({
  authority: authorityRefSchema,
  orgId: z.string().trim().regex(ZITADEL_ID, "An organization id is ZITADEL's numeric id."),
  userName: machineUserNameSchema,
  name: z.string().trim().min(1, "Enter a display name.").max(200, "Keep the display name to 200 characters."),
  description: z.string().trim().max(500, "Keep the description to 500 characters.").default(""),
  accessTokenType: z.enum(accessTokenTypes).default("bearer"),
  /** null: no manager role (its org lookup will then fail with missing_permission). */
  role: managerRoleSchema.nullable().default("ORG_OWNER"),
  /** The registered credential's label; the username when left empty. */
  label: labelSchema.optional(),
  scopes: scopesSchema.optional(),
  tags: tagsSchema.default([]),
});
export type CreateServiceUserInput = z.input<typeof createServiceUserSchema>;
export type CreateServiceUser = z.output<typeof createServiceUserSchema>;

/** In this order; `grant_role` is skipped when no role was asked for. */
export const jobStepNames = ["create_user", "generate_secret", "register", "grant_role", "test_token", "lookup_org"] as const;
export type JobStepName = (typeof jobStepNames)[number];
export const stepStates = ["pending", "running", "done", "failed", "skipped"] as const;
export type StepState = (typeof stepStates)[number];

export const jobStepSchema = z.object({
  name: z.enum(jobStepNames),
  state: z.enum(stepStates),
  /** Plain language: "Created acme-billing (id 3021…) in ACME Corporation", "ZITADEL saw the new secret after 3 tries". */
  detail: z.string().nullable(),
  diagnosis: diagnosisSchema.nullable(),
  attempts: z.number().int(),
  finishedAt: z.string().nullable(),
});
export type JobStep = z.infer<typeof jobStepSchema>;

export const jobStates = ["running", "failed", "done"] as const;
export type JobState = (typeof jobStates)[number];

export const provisioningJobSchema = z.object({
  id: z.string(),
  state: z.enum(jobStates),
  issuer: z.string(),
  authority: z.object({ kind: z.enum(["operator", "provisioner"]), credentialId: z.string().nullable(), label: z.string() }),
  input: z.object({
    userName: z.string(),
    name: z.string(),
    description: z.string(),
    accessTokenType: z.enum(accessTokenTypes),
    orgId: z.string(),
    role: managerRoleSchema.nullable(),
  }),
  steps: z.array(jobStepSchema),
  /** ZITADEL's user id once created. */
  userId: z.string().nullable(),
  /** The registered credential once stored. */
  credentialId: z.string().nullable(),
  startedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** True while the one-time "copy the secret for use elsewhere" is still on offer to the operator who started it. */
  secretOffer: z.boolean(),
});
export type ProvisioningJob = z.infer<typeof provisioningJobSchema>;
export const provisioningJobsResponseSchema = z.object({ items: z.array(provisioningJobSchema) });
export type ProvisioningJobsResponse = z.infer<typeof provisioningJobsResponseSchema>;

/** Resume a failed job from its failed step, optionally with another authority or without the role. */
export const resumeJobSchema = z.object({
  authority: authorityRefSchema.optional(),
  skipRole: z.boolean().default(false),
});
export type ResumeJobInput = z.input<typeof resumeJobSchema>;

export const secretOfferResponseSchema = z.object({ clientId: z.string(), clientSecret: z.string() });
export type SecretOfferResponse = z.infer<typeof secretOfferResponseSchema>;

/** What the console can do in ZITADEL for a registered credential. */
export const credentialActionSchema = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.literal("rotate_secret"),
      authority: authorityRefSchema,
      confirm: z.literal(true, "Confirm: the old secret stops working at once."),
    }),
    z.object({ action: z.literal("grant_role"), authority: authorityRefSchema, role: managerRoleSchema }),
    z.object({ action: z.literal("reactivate"), authority: authorityRefSchema, confirm: z.literal(true, "Confirm the reactivation.") }),
  ],
  { error: 'Choose an action: "rotate_secret", "grant_role" or "reactivate".' },
);
export type CredentialActionInput = z.input<typeof credentialActionSchema>;
export type CredentialAction = z.output<typeof credentialActionSchema>;

export const actionStepNames = [
  "find_user",
  "generate_secret",
  "store_secret",
  "grant_role",
  "reactivate",
  "test_token",
  "lookup_org",
] as const;

export const credentialActionResultSchema = z.object({
  action: z.enum(["rotate_secret", "grant_role", "reactivate"]),
  outcome: z.enum(["fixed", "failed"]),
  steps: z.array(jobStepSchema.extend({ name: z.enum(actionStepNames) })),
});
export type CredentialActionResult = z.infer<typeof credentialActionResultSchema>;
