import { formatDuration } from "@/lib/duration";
import type { TokenMetadata, Transcript } from "@/lib/schemas/diagnostics";

// The exchange as text, the way it went over the wire (already redacted by the server): shown in the exchange panel
// and the presenter view, and written into a shared report.

export function requestText(request: Transcript["request"]): string {
  const headers = request.headers.map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${request.method} ${request.url}\n${headers}${request.body ? `\n\n${request.body}` : ""}`;
}

export function responseText(response: NonNullable<Transcript["response"]>): string {
  const head = `HTTP ${response.status} · ${response.contentType ?? "no content type"} · ${formatDuration(response.latencyMs)}`;
  const others = otherFieldsText(response.otherFields, response.otherFieldsTotal);
  return `${head}\n\n${prettyJson(response.body)}${others ? `\n\n${others}` : ""}`;
}

type OtherField = NonNullable<Transcript["response"]>["otherFields"][number];
const SIZE_UNITS = { string: "char", array: "item", object: "field" } as const;

// Fields ZITADEL does not send there come from an issuer the console does not control: named and sized, not shown.
function otherFieldsText(fields: OtherField[], total: number): string {
  if (total === 0) return "";
  const listed = fields.map(({ name, type, size }) => {
    const unit = type === "string" || type === "array" || type === "object" ? SIZE_UNITS[type] : null;
    if (!unit || size === undefined) return `${name} (${type})`;
    return `${name} (${type}, ${size.toLocaleString("en-US")} ${unit}${size === 1 ? "" : "s"})`;
  });
  const more = total > fields.length ? ` … and ${total - fields.length} more` : "";
  return `Other fields, not shown: ${listed.join(", ")}${more}`;
}

function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A secret's or token's shape, never its characters. */
export function shape(what: string, length: number | null): string {
  return `<${what}${length === null ? "" : `, ${length} characters`}>`;
}

const TOKEN_FIELDS = ["access_token", "id_token", "refresh_token"] as const;

/** The answer's JSON with each (already masked) token replaced by its shape: an audience sees no part of it. */
export function withTokenShapes(body: string, token: TokenMetadata | undefined): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return body;
  const shown: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  for (const field of TOKEN_FIELDS) {
    if (field in shown) shown[field] = shape(field.replace("_", " "), field === "access_token" && token ? token.length : null);
  }
  return JSON.stringify(shown);
}
