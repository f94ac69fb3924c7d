import type { CredentialDto } from "@/lib/schemas/credential";
import type { OrgLookupResult, TokenTestResult } from "@/lib/schemas/diagnostics";
import { requestText, responseText, shape, withTokenShapes } from "./exchange-text";
import { checkMarkdown, diagnosisPart, joinLines, REDACTION_NOTE, testedMarkdown, testedPart } from "./report-sections";

// A check as a report to hand to a customer or a colleague: what was tested, when and by whom, the exchange, the curl,
// ZITADEL's error ids and the diagnosis. Built from redacted results (the page's, or the history's for a share link);
// tokens go in as their shape, masks and fingerprints are left out, so nothing in it can authenticate anything.

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
    tested: testedPart(credential),
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

type ReportJson = ReturnType<typeof buildReportJson>;

export function buildReportMarkdown(input: ReportInput): string {
  const report = buildReportJson(input);
  return joinLines([
    `# M2M Console check: ${report.tested.label}`,
    "",
    `Generated ${report.generatedAt} by ${report.generatedBy}. ${REDACTION_NOTE}`,
    "",
    ...testedMarkdown(report.tested),
    ...tokenMarkdown(report.tokenTest),
    ...orgMarkdown(report.orgLookup),
  ]);
}

function tokenMarkdown(part: ReportJson["tokenTest"]): string[] {
  if (!part) return [];
  const status = part.httpStatus === null ? "" : `, HTTP ${part.httpStatus}`;
  const token = part.token;
  return checkMarkdown({
    heading: "Token request",
    facts: [
      `Outcome: ${part.outcome} at ${part.at}${status}`,
      ...(token
        ? [
            `Token: ${token.tokenType}, ${token.kind}, expires in ${token.expiresIn} s, audience ${token.audience.join(", ") || "none stated"}`,
          ]
        : []),
    ],
    diagnosis: part.diagnosis,
    blocks: [
      ...(part.assertion
        ? [{ title: "Assertion (signed, not shown)", text: JSON.stringify(part.assertion, null, 2), language: "json" }]
        : []),
      ...(part.request ? [{ title: "Request", text: part.request, language: "http" }] : []),
      ...(part.response ? [{ title: "Response", text: part.response, language: "http" }] : []),
      ...(token?.claims ? [{ title: "Access token claims", text: JSON.stringify(token.claims, null, 2), language: "json" }] : []),
    ],
    curl: part.curl,
  });
}

function orgMarkdown(part: ReportJson["orgLookup"]): string[] {
  if (!part) return [];
  return checkMarkdown({
    heading: "Organization lookup (GET orgs/me)",
    facts: [`Outcome: ${part.outcome} at ${part.at}`, ...(part.org ? [`Organization: ${part.org.name} (${part.org.id})`] : [])],
    diagnosis: part.diagnosis,
    blocks: [],
    curl: part.curl,
  });
}
