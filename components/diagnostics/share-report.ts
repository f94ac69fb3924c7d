import { KIND_LABELS } from "@/components/credentials/credential-kind";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { Diagnosis, OrgLookupResult, TokenTestResult } from "@/lib/schemas/diagnostics";
import { requestText, responseText, shape, withTokenShapes } from "./exchange-text";

// A check as a report to hand to a customer or a colleague: what was tested, when and by whom, the exchange, the curl,
// ZITADEL's error ids and the diagnosis. Built from the redacted results the page already has; tokens go in as their
// shape, masks and fingerprints are left out, so nothing in it can authenticate anything.

export interface ReportInput {
  credential: CredentialDto;
  tokenTest: TokenTestResult | null;
  orgLookup: OrgLookupResult | null;
  by: string;
  now: Date;
}

export function buildReportJson({ credential, tokenTest, orgLookup, by, now }: ReportInput) {
  return {
    report: "M2M Console check",
    generatedAt: now.toISOString(),
    generatedBy: by,
    tested: {
      label: credential.label,
      issuer: credential.issuer,
      kind: credential.kind,
      clientId: credential.clientId,
      ...(credential.kind === "pat" ? {} : { scopes: credential.scopes.split(" ") }),
      ...(credential.kind === "client_secret" ? { clientAuthentication: credential.authMethod } : {}),
      orgId: credential.orgId,
    },
    tokenTest: tokenTest ? tokenPart(tokenTest) : null,
    orgLookup: orgLookup ? orgPart(orgLookup) : null,
  };
}

function tokenPart(result: TokenTestResult) {
  const { transcript, token } = result;
  return {
    outcome: result.outcome,
    at: result.obtainedAt,
    httpStatus: result.httpStatus,
    latencyMs: result.latencyMs,
    request: transcript ? requestText(transcript.request) : null,
    assertion: transcript?.request.assertion ?? null,
    response: transcript?.response
      ? responseText({ ...transcript.response, body: withTokenShapes(transcript.response.body, token) })
      : null,
    token: token
      ? {
          tokenType: token.tokenType,
          expiresIn: token.expiresIn,
          kind: token.kind,
          accessToken: shape(`access token, ${token.kind}`, token.length),
          audience: token.audience,
          signature: token.signature,
          header: token.header ?? null,
          claims: token.claims ?? null,
        }
      : null,
    diagnosis: result.diagnosis ? diagnosisPart(result.diagnosis) : null,
    curl: result.curl,
  };
}

function orgPart(result: OrgLookupResult) {
  return {
    outcome: result.outcome,
    at: result.checkedAt,
    latencyMs: result.latencyMs,
    org: result.org ?? null,
    diagnosis: result.diagnosis ? diagnosisPart(result.diagnosis) : null,
    curl: result.curl,
  };
}

function diagnosisPart(diagnosis: Diagnosis) {
  return {
    code: diagnosis.code,
    title: diagnosis.title,
    explanation: diagnosis.explanation,
    fix: diagnosis.fix,
    httpStatus: diagnosis.httpStatus ?? null,
    zitadelError: diagnosis.upstreamError ?? null,
    requestId: diagnosis.requestId ?? null,
  };
}

type ReportJson = ReturnType<typeof buildReportJson>;

export function buildReportMarkdown(input: ReportInput): string {
  const report = buildReportJson(input);
  const { tested } = report;
  const lines = [
    `# M2M Console check: ${tested.label}`,
    "",
    `Generated ${report.generatedAt} by ${report.generatedBy}. Secrets, tokens and signed assertions are replaced by placeholders.`,
    "",
    "## What was tested",
    "",
    `- Issuer: ${tested.issuer}`,
    `- Kind: ${KIND_LABELS[input.credential.kind].long}`,
    `- Client ID: ${tested.clientId}`,
    ...("scopes" in tested && tested.scopes ? [`- Scopes: ${tested.scopes.join(" ")}`] : []),
    ...("clientAuthentication" in tested ? [`- Client authentication: ${tested.clientAuthentication}`] : []),
    ...(tested.orgId ? [`- Organization ID: ${tested.orgId}`] : []),
    ...tokenMarkdown(report.tokenTest),
    ...orgMarkdown(report.orgLookup),
  ];
  return `${lines.join("\n")}\n`;
}

function tokenMarkdown(part: ReportJson["tokenTest"]): string[] {
  if (!part) return [];
  return [
    "",
    "## Token request",
    "",
    `- Outcome: ${part.outcome} at ${part.at}${part.httpStatus === null ? "" : `, HTTP ${part.httpStatus}`}`,
    ...(part.token
      ? [
          `- Token: ${part.token.tokenType}, ${part.token.kind}, expires in ${part.token.expiresIn} s, audience ${part.token.audience.join(", ") || "none stated"}`,
        ]
      : []),
    ...(part.diagnosis ? diagnosisMarkdown(part.diagnosis) : []),
    ...(part.assertion ? ["", "Assertion (signed, not shown):", "", fence(JSON.stringify(part.assertion, null, 2), "json")] : []),
    ...(part.request ? ["", "Request:", "", fence(part.request, "http")] : []),
    ...(part.response ? ["", "Response:", "", fence(part.response, "http")] : []),
    ...(part.token?.claims ? ["", "Access token claims:", "", fence(JSON.stringify(part.token.claims, null, 2), "json")] : []),
    "",
    "curl:",
    "",
    fence(part.curl, "sh"),
  ];
}

function orgMarkdown(part: ReportJson["orgLookup"]): string[] {
  if (!part) return [];
  return [
    "",
    "## Organization lookup (GET orgs/me)",
    "",
    `- Outcome: ${part.outcome} at ${part.at}`,
    ...(part.org ? [`- Organization: ${part.org.name} (${part.org.id})`] : []),
    ...(part.diagnosis ? diagnosisMarkdown(part.diagnosis) : []),
    "",
    "curl:",
    "",
    fence(part.curl, "sh"),
  ];
}

function diagnosisMarkdown(diagnosis: ReturnType<typeof diagnosisPart>): string[] {
  return [
    "",
    `### Diagnosis: ${diagnosis.title}`,
    "",
    diagnosis.explanation,
    "",
    `**Fix:** ${diagnosis.fix}`,
    "",
    `- Code: ${diagnosis.code}${diagnosis.httpStatus === null ? "" : `, HTTP ${diagnosis.httpStatus}`}`,
    ...(diagnosis.zitadelError
      ? [
          `- ZITADEL's error: ${diagnosis.zitadelError.error}${diagnosis.zitadelError.description ? `: ${diagnosis.zitadelError.description}` : ""}`,
        ]
      : []),
    ...(diagnosis.requestId ? [`- Request ID: ${diagnosis.requestId}`] : []),
  ];
}

function fence(text: string, language: string): string {
  const ticks = text.includes("```") ? "~~~~" : "```";
  return `${ticks}${language}\n${text}\n${ticks}`;
}
