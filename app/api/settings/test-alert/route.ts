// POST /api/settings/test-alert — send one test alert to the configured receiver and answer what it said
import { testAlertResultSchema } from "@/lib/schemas/settings";
import { withOperator } from "@/lib/server/route";
import { sendTestAlert } from "@/lib/server/settings";

export const POST = withOperator({ role: "admin", response: { 200: testAlertResultSchema } }, ({ context }) => sendTestAlert(context));
