import { KIND_LABELS } from "@/lib/credential-kind-labels";
import type { CredentialDto } from "@/lib/schemas/credential";
import { diagnosisSchema, type Diagnosis } from "@/lib/schemas/diagnostics";
import { z } from "@/lib/zod";

// The parts every shared report is made of (what was tested, a check's section, a diagnosis), as JSON and Markdown.
// A report is built only from redacted results: tokens appear as their shape, so nothing in it authenticates anything.

export const REDACTION_NOTE = "Secrets, tokens and signed assertions are replaced by placeholders.";

/** The credential a check was of, by the names support looks it up with; never its secret, key or token. */
export function testedPart(credential: CredentialDto) {
  return {
    label: credential.label,
    issuer: credential.issuer,
    kind: credential.kind,
    clientId: credential.clientId,
    ...(credential.kind === "pat" ? {} : { scopes: credential.scopes.split(" ") }),
    ...(credential.kind === "client_secret" ? { clientAuthentication: credential.authMethod } : {}),
    orgId: credential.orgId,
  };
}

export function testedMarkdown(tested: ReturnType<typeof testedPart>): string[] {
  return [
    "## What was tested",
    "",
    `- Issuer: ${tested.issuer}`,
    `- Kind: ${KIND_LABELS[tested.kind].long}`,
    `- Client ID: ${tested.clientId}`,
    ...("scopes" in tested && tested.scopes ? [`- Scopes: ${tested.scopes.join(" ")}`] : []),
    ...("clientAuthentication" in tested ? [`- Client authentication: ${tested.clientAuthentication}`] : []),
    ...(tested.orgId ? [`- Organization ID: ${tested.orgId}`] : []),
  ];
}

export function diagnosisPart(diagnosis: Diagnosis) {
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
export type DiagnosisPart = ReturnType<typeof diagnosisPart>;

export const diagnosisPartSchema = z.object({
  code: diagnosisSchema.shape.code,
  title: z.string(),
  explanation: z.string(),
  fix: z.string(),
  httpStatus: z.number().nullable(),
  zitadelError: z.object({ error: z.string(), description: z.string().optional() }).nullable(),
  requestId: z.string().nullable(),
}) satisfies z.ZodType<DiagnosisPart>;

export function diagnosisMarkdown(diagnosis: DiagnosisPart, level = "###"): string[] {
  return [
    "",
    `${level} Diagnosis: ${diagnosis.title}`,
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

export interface CheckSection {
  heading: string;
  facts: string[];
  diagnosis: DiagnosisPart | null;
  blocks: { title: string; text: string; language: string }[];
  curl: string | null;
}

/** One check's section, whichever check it was: its facts, the diagnosis, the exchange and the curl. */
export function checkMarkdown({ heading, facts, diagnosis, blocks, curl }: CheckSection): string[] {
  return [
    "",
    `## ${heading}`,
    "",
    ...facts.map((fact) => `- ${fact}`),
    ...(diagnosis ? diagnosisMarkdown(diagnosis) : []),
    ...blocks.flatMap(({ title, text, language }) => ["", `${title}:`, "", fence(text, language)]),
    ...(curl === null ? [] : ["", "curl:", "", fence(curl, "sh")]),
  ];
}

export function fence(text: string, language: string): string {
  const ticks = text.includes("```") ? "~~~~" : "```";
  return `${ticks}${language}\n${text}\n${ticks}`;
}

/** A report's Markdown ends in one newline. */
export function joinLines(lines: string[]): string {
  return `${lines.join("\n")}\n`;
}
