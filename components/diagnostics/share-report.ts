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

interface CheckSection {
  heading: string;
  facts: string[];
  diagnosis: ReturnType<typeof diagnosisPart> | null;
  blocks: { title: string; text: string; language: string }[];
  curl: string;
}

/** One check's section, whichever check it was: its facts, the diagnosis, the exchange and the curl. */
function checkMarkdown({ heading, facts, diagnosis, blocks, curl }: CheckSection): string[] {
  return [
    "",
    `## ${heading}`,
    "",
    ...facts.map((fact) => `- ${fact}`),
    ...(diagnosis ? diagnosisMarkdown(diagnosis) : []),
    ...blocks.flatMap(({ title, text, language }) => ["", `${title}:`, "", fence(text, language)]),
    "",
    "curl:",
    "",
    fence(curl, "sh"),
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
