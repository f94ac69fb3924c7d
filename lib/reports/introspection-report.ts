import type { CredentialDto } from "@/lib/schemas/credential";
import type { IntrospectionResult } from "@/lib/schemas/introspection";
import { requestText, responseText, withTokenShapes } from "./exchange-text";
import { checkMarkdown, diagnosisPart, joinLines, REDACTION_NOTE, testedMarkdown, testedPart } from "./report-sections";

// An introspection as a report: what ZITADEL said of the credential's token (active or not, its claims), the diagnosis
// when it failed, and the exchange. The token sent and the introspection client's secret are redacted by the server
// before the result arrives; a token in the answer goes in as its shape.

type Answered = Extract<IntrospectionResult, { configured: true }>;

export interface IntrospectionReportInput {
  credential: CredentialDto;
  result: Answered;
  by: string;
  now: Date;
}

export function buildIntrospectionReportJson({ credential, result, by, now }: IntrospectionReportInput) {
  const { transcript } = result;
  return {
    report: "M2M Console introspection",
    generatedAt: now.toISOString(),
    generatedBy: by,
    tested: testedPart(credential),
    introspection: {
      outcome: result.outcome,
      at: result.at,
      httpStatus: result.httpStatus,
      latencyMs: result.latencyMs,
      claims: result.claims,
      request: transcript ? requestText(transcript.request) : null,
      response: transcript?.response
        ? responseText({ ...transcript.response, body: withTokenShapes(transcript.response.body, undefined) })
        : null,
      diagnosis: result.diagnosis ? diagnosisPart(result.diagnosis) : null,
    },
  };
}

export function buildIntrospectionReportMarkdown(input: IntrospectionReportInput): string {
  const report = buildIntrospectionReportJson(input);
  const part = report.introspection;
  return joinLines([
    `# M2M Console introspection: ${report.tested.label}`,
    "",
    `Generated ${report.generatedAt} by ${report.generatedBy}. ${REDACTION_NOTE}`,
    "",
    ...testedMarkdown(report.tested),
    ...checkMarkdown({
      heading: "Introspection (POST oauth/v2/introspect)",
      facts: [`Outcome: ${part.outcome} at ${part.at}${part.httpStatus === null ? "" : `, HTTP ${part.httpStatus}`}`],
      diagnosis: part.diagnosis,
      blocks: [
        ...(part.claims ? [{ title: "Claims ZITADEL named", text: JSON.stringify(part.claims, null, 2), language: "json" }] : []),
        ...(part.request ? [{ title: "Request", text: part.request, language: "http" }] : []),
        ...(part.response ? [{ title: "Response", text: part.response, language: "http" }] : []),
      ],
      curl: null,
    }),
  ]);
}
