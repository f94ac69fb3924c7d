import { z } from "@/lib/zod";

// Path parameters shared by the API routes and the pages that show the same resource.

export const idParamsSchema = z.object({ id: z.uuid("Not a credential id.") });
