import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { FlowStage } from "@/lib/schemas/presentation";
import { diagnoseOrgError, diagnoseTokenError, makeDiagnosis } from "./diagnose";

// The failures the bundled emulator's demo users show (emulator/seed/demo.json), each diagnosed by the same code that
// reads a live answer, from the answer ZITADEL gives in that case: what "Break it" in the presenter view shows.

export interface DemoFailure {
  id: string;
  label: string;
  demoClientId: string;
  stage: FlowStage;
  httpStatus: number | null;
  diagnosis: Diagnosis;
}

/** The numeric user ID the README suggests as a client ID (ZITADEL wants the username). */
const NUMERIC_CLIENT_ID = "300000000000000001";

export function demoFailures(): DemoFailure[] {
  return [
    {
      id: "wrong_secret",
      label: "Wrong secret",
      demoClientId: "acme-reporter",
      stage: "token",
      httpStatus: 400,
      diagnosis: diagnoseTokenError(400, { error: "invalid_request", error_description: "Errors.User.Machine.Secret.Invalid" }),
    },
    {
      id: "no_manager_role",
      label: "No manager role",
      demoClientId: "acme-no-role",
      stage: "api",
      httpStatus: 403,
      diagnosis: diagnoseOrgError(403, { code: 7, message: "No matching permissions found", details: [{ id: "AUTH-5mWD2" }] }),
    },
    {
      id: "deactivated_user",
      label: "Deactivated user",
      demoClientId: "acme-retired",
      stage: "token",
      httpStatus: 400,
      diagnosis: diagnoseTokenError(400, { error: "invalid_request", error_description: "Errors.User.NotActive" }),
    },
    {
      id: "expired_key",
      label: "Expired key",
      demoClientId: "acme-key-bot",
      stage: "token",
      httpStatus: 500,
      diagnosis: makeDiagnosis("jwt_profile_rejected", {
        httpStatus: 500,
        upstreamError: { error: "server_error", description: "Errors.Internal" },
      }),
    },
    {
      id: "numeric_client_id",
      label: "Numeric client ID",
      demoClientId: NUMERIC_CLIENT_ID,
      stage: "token",
      httpStatus: 400,
      diagnosis: diagnoseTokenError(
        400,
        { error: "invalid_client", error_description: "client not found" },
        { clientId: NUMERIC_CLIENT_ID },
      ),
    },
    {
      id: "slow_issuer",
      label: "Slow issuer",
      demoClientId: "acme-slow",
      stage: "token",
      httpStatus: null,
      diagnosis: makeDiagnosis("timeout"),
    },
  ];
}
