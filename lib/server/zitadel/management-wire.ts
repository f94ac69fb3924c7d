import "server-only";
import { z } from "zod";

// ZITADEL's v1 Management API answers used for provisioning, in protojson: camelCase, zero values omitted, uint64 as
// strings, enums by name (docs/zitadel-notes.md). Only the fields the console reads; anything else is ignored.

export const MANAGEMENT_PATH = "/management/v1";
export const ORG_SEARCH_PATH = "/v2/organizations/_search";

const id = z.string().min(1).max(200);

export const detailsSchema = z
  .object({
    sequence: z.string().optional(),
    creationDate: z.string().optional(),
    changeDate: z.string().optional(),
    resourceOwner: z.string().max(200).optional(),
  })
  .loose();

export const addMachineUserSchema = z.object({ userId: id, details: detailsSchema.optional() });

export const machineUserSchema = z.object({
  user: z.object({
    id,
    details: detailsSchema.optional(),
    state: z.string().max(64).optional(),
    userName: z.string().max(1000).optional(),
    preferredLoginName: z.string().max(1000).optional(),
    machine: z
      .object({
        name: z.string().max(1000).optional(),
        description: z.string().max(2000).optional(),
        hasSecret: z.boolean().optional(),
        accessTokenType: z.string().max(64).optional(),
      })
      .optional(),
  }),
});
export type MachineUserWire = z.infer<typeof machineUserSchema>["user"];

export const machineSecretSchema = z.object({
  clientId: z.string().min(1).max(1000),
  clientSecret: z.string().min(1).max(1000),
  details: detailsSchema.optional(),
});

export const changedSchema = z.object({ details: detailsSchema.optional() }).loose();

export const memberSearchSchema = z.object({
  result: z
    .array(z.object({ userId: z.string(), roles: z.array(z.string().max(200)).max(100).optional() }).loose())
    .max(1000)
    .optional(),
});

export const orgSearchSchema = z.object({
  result: z
    .array(
      z
        .object({ id, name: z.string().max(1000).optional(), primaryDomain: z.string().max(1000).optional(), state: z.string().optional() })
        .loose(),
    )
    .max(1000)
    .optional(),
});

// The reads support needs about one service user: lists in ZITADEL's v1 shape ({ details, result? }).
const timestamp = z.string().max(64).optional();
const listOf = <T extends z.ZodType>(item: T) => z.object({ result: z.array(item).max(1000).optional() });

export const keyListSchema = listOf(z.object({ id, type: z.string().max(64).optional(), expirationDate: timestamp }).loose());

export const patListSchema = listOf(z.object({ id, expirationDate: timestamp }).loose());

export const membershipListSchema = listOf(
  z
    .object({
      roles: z.array(z.string().max(200)).max(100).optional(),
      displayName: z.string().max(1000).optional(),
      iam: z.boolean().optional(),
      orgId: z.string().max(200).optional(),
      projectId: z.string().max(200).optional(),
      projectGrantId: z.string().max(200).optional(),
    })
    .loose(),
);

export const userGrantListSchema = listOf(
  z
    .object({
      id,
      roleKeys: z.array(z.string().max(200)).max(100).optional(),
      state: z.string().max(64).optional(),
      orgId: z.string().max(200).optional(),
      orgName: z.string().max(1000).optional(),
      projectId: z.string().max(200).optional(),
      projectName: z.string().max(1000).optional(),
    })
    .loose(),
);
