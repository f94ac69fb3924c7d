// GET /api/credentials/tags — every tag in use, for the list's filter chips
import { z } from "zod";
import { listCredentialTags } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

const tagsSchema = z.object({ tags: z.array(z.string()) });

export const GET = withOperator({ role: "viewer", response: { 200: tagsSchema } }, async () => ({ tags: await listCredentialTags() }));
