import "server-only";
import {
  diagnosisCodeSchema,
  tokenTestResultSchema,
  type Diagnosis,
  type OrgLookupResult,
  type TokenTestResult,
} from "@/lib/schemas/diagnostics";
import type { BreakScenario, Presentation, RecordedCheck } from "@/lib/schemas/presentation";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { getStore, type CredentialRow, type TestRunRow } from "@/lib/server/store";
import {
  demoFailures,
  describeScope,
  makeDiagnosis,
  orgsMeCurl,
  orgsMeUrl,
  unsentExchange,
  unsentJwtProfileExchange,
} from "@/lib/server/zitadel";
import { nameTimeout } from "./name-timeout";
import { splitScopes, toScopeKey } from "./token-source";

// The presenter view's data: the latest recorded check, replayed from the history and the redacted result kept with
// the held token (so a viewer presents without running anything), and the failures "Break it" shows. Never a token.

/** Failures of orgs/me itself: the token was issued, the API refused it (any other failed lookup stopped at the token). */
const API_STAGE_CODES = new Set(["token_invalid", "missing_permission", "org_not_found", "not_json", "bad_response", "server_error"]);

export async function getPresentation(credentialId: string): Promise<Presentation> {
  const credential = await requireCredentialRow(credentialId);
  const store = await getStore();
  const runs = await store.testRuns.list(credential.id, 20);
  const held = await heldResult(credential);
  const latest = runs[0];
  const failed = runs.find((run) => run.outcome !== "ok");
  return {
    scopes: splitScopes(credential.scopes).map((scope) => ({ scope, meaning: describeScope(scope) })),
    recorded: latest ? replay(credential, latest, held) : null,
    scenarios: [
      ...(failed ? [latestFailure(credential, failed)] : []),
      ...demoFailures()
        // A PAT never meets the token endpoint: only a failure of the API can happen to it.
        .filter((failure) => credential.kind !== "pat" || failure.stage === "api")
        .map((failure) => ({ ...failure, diagnosis: nameTimeout(failure.diagnosis, "token") })),
    ],
  };
}

function replay(credential: CredentialRow, run: TestRunRow, held: TokenTestResult | null): RecordedCheck {
  const diagnosis = run.outcome === "ok" ? undefined : diagnosisOf(run);
  const atApi = run.kind === "org" && (!diagnosis || credential.kind === "pat" || API_STAGE_CODES.has(diagnosis.code));
  const tokenFailure = diagnosis && !atApi ? diagnosis : undefined;
  return {
    at: run.at,
    by: run.actorName ?? run.actor,
    tokenTest: credential.kind === "pat" ? null : tokenPart(credential, run, held, tokenFailure),
    orgLookup: atApi ? orgPart(credential, run, diagnosis) : null,
  };
}

function tokenPart(
  credential: CredentialRow,
  run: TestRunRow,
  held: TokenTestResult | null,
  failure: Diagnosis | undefined,
): TokenTestResult {
  if (!failure && held) return held;
  const common = { cached: run.cached, obtainedAt: run.at, transcript: null, curl: tokenCurlOf(credential) };
  if (!failure) return { ...common, outcome: "ok", latencyMs: run.latencyMs, httpStatus: run.httpStatus };
  return { ...common, outcome: "failed", latencyMs: run.latencyMs, httpStatus: run.httpStatus, diagnosis: failure };
}

function orgPart(credential: CredentialRow, run: TestRunRow, diagnosis: Diagnosis | undefined): OrgLookupResult {
  const common = {
    latencyMs: run.latencyMs,
    tokenCached: run.cached,
    checkedAt: run.at,
    curl: orgsMeCurl(orgsMeUrl(credential.issuer), credential.orgId, credential.kind === "pat" ? "pat" : "exchange"),
  };
  if (diagnosis) return { ...common, outcome: "failed", diagnosis };
  // The history keeps the organization's ID and name; the rest of it is not recorded.
  const org = {
    id: run.orgId ?? "",
    name: run.orgName ?? "",
    primaryDomain: "",
    state: "unknown" as const,
    creationDate: null,
    changeDate: null,
  };
  return { ...common, outcome: "ok", org };
}

function latestFailure(credential: CredentialRow, run: TestRunRow): BreakScenario {
  const diagnosis = diagnosisOf(run);
  const atApi = run.kind === "org" && (credential.kind === "pat" || API_STAGE_CODES.has(diagnosis.code));
  return {
    id: "latest",
    label: "Its latest failure",
    demoClientId: null,
    stage: atApi ? "api" : "token",
    httpStatus: run.httpStatus,
    diagnosis,
    at: run.at,
  };
}

function diagnosisOf(run: TestRunRow): Diagnosis {
  const code = diagnosisCodeSchema.safeParse(run.outcome);
  const options = {
    ...(run.httpStatus === null ? {} : { httpStatus: run.httpStatus }),
    ...(run.upstreamError ? { upstreamError: run.upstreamError } : {}),
  };
  const diagnosis = nameTimeout(makeDiagnosis(code.success ? code.data : "unknown", options), run.kind === "org" ? "org" : "token");
  return run.requestId ? { ...diagnosis, requestId: run.requestId } : diagnosis;
}

function tokenCurlOf(credential: CredentialRow): string {
  const { issuer, clientId, authMethod } = credential;
  const scopes = splitScopes(credential.scopes);
  const placeholder = makeDiagnosis("unknown");
  return credential.kind === "jwt_profile"
    ? unsentJwtProfileExchange(issuer, scopes, placeholder).curl
    : unsentExchange({ issuer, clientId, scopes, authMethod }, placeholder).curl;
}

/** The redacted result kept with the token the console holds for the credential's own scopes, if it is this version's. */
async function heldResult(credential: CredentialRow): Promise<TokenTestResult | null> {
  const row = await (await getStore()).tokenCache.get(credential.id, toScopeKey(splitScopes(credential.scopes)));
  if (!row || row.metadata.credentialVersion !== credential.version) return null;
  const parsed = tokenTestResultSchema.safeParse(row.metadata);
  return parsed.success ? parsed.data : null;
}
