// GET /api/share-links?sourceType=&sourceId= — the links made to one report (never their addresses)
// POST /api/share-links — freeze the redacted report of a check or a run behind a new expiring link
import { createdShareLinkSchema, createShareLinkSchema, shareLinkListSchema, shareLinksQuerySchema } from "@/lib/schemas/share-links";
import { json, withOperator } from "@/lib/server/route";
import { createShareLink, listShareLinks } from "@/lib/server/share-links";

export const GET = withOperator(
  { role: "operator", query: shareLinksQuerySchema, response: { 200: shareLinkListSchema } },
  async ({ query, context }) => ({ items: await listShareLinks(context, query.sourceType, query.sourceId) }),
);

export const POST = withOperator(
  { role: "operator", body: createShareLinkSchema, response: { 201: createdShareLinkSchema } },
  async ({ body, context }) => json(await createShareLink(context, body), 201),
);
