import type { CredentialActionResult } from "@/lib/schemas/provisioning";

// What each action in ZITADEL is called, before and after.

type Action = CredentialActionResult["action"];

export const ACTION_LABELS: Record<Action, { verb: string; fixed: string; failed: string }> = {
  rotate_secret: {
    verb: "Rotate the secret in ZITADEL",
    fixed: "The secret was rotated in ZITADEL and the credential works with the new one.",
    failed: "Rotating the secret did not finish.",
  },
  grant_role: {
    verb: "Grant a manager role",
    fixed: "The role was granted and the credential finds its organization.",
    failed: "Granting the role did not finish.",
  },
  reactivate: {
    verb: "Reactivate the service user",
    fixed: "The service user was reactivated and the credential works again.",
    failed: "Reactivating the service user did not finish.",
  },
};
