// DELETE /api/share-links/:id — revoke a link (its maker or an admin); it answers 410 from then on
import { shareLinkDtoSchema, shareLinkParamsSchema } from "@/lib/schemas/share-links";
import { withOperator } from "@/lib/server/route";
import { revokeShareLink } from "@/lib/server/share-links";

export const DELETE = withOperator(
  { role: "operator", params: shareLinkParamsSchema, response: { 200: shareLinkDtoSchema } },
  async ({ params, context }) => revokeShareLink(context, params.id),
);
