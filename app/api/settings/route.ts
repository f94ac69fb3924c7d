// GET /api/settings — whether alerts and scheduled checks are on and what they do (never the webhook's URL or secret)
import { settingsSchema } from "@/lib/schemas/settings";
import { withOperator } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const GET = withOperator({ role: "admin", response: { 200: settingsSchema } }, () => getSettings());
