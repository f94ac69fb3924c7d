// GET /api/credentials/tags — every tag in use, for the list's filter chips
import { listCredentialTags } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "viewer" }, async () => ({ tags: await listCredentialTags() }));
