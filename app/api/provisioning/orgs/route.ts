// GET /api/provisioning/orgs?authority=operator|<provisioner credential id> — the orgs that authority may create users in
import { z } from "zod";
import { orgsResponseSchema } from "@/lib/schemas/provisioning";
import { listOrgs } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

const querySchema = z.object({
  authority: z.union([z.literal("operator"), z.uuid()], { error: "Send ?authority=operator or a provisioner's credential id." }),
});

export const GET = withOperator({ role: "admin", query: querySchema, response: { 200: orgsResponseSchema } }, async ({ query, context }) =>
  listOrgs(context, query.authority),
);
