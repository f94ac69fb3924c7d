import type { JsonSchema } from "@/lib/client/use-api-reference";

// A parameter's JSON Schema in a few words for a table cell ("integer, 1–100, default 20"); bodies and answers are
// shown as the schema itself.

export function describeSchema(schema: JsonSchema): string {
  const parts = [typeName(schema), ...limits(schema)];
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.filter(Boolean).join(", ");
}

function typeName(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) return variants.map(typeName).join(" or ");
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
  return typeof schema.format === "string" ? `${type} (${schema.format})` : type;
}

function limits(schema: JsonSchema): string[] {
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min !== undefined && max !== undefined) return `${String(min)}–${String(max)}${unit}`;
    if (max !== undefined) return `at most ${String(max)}${unit}`;
    if (min !== undefined) return `at least ${String(min)}${unit}`;
    return "";
  };
  return [range(schema.minimum, schema.maximum, ""), range(schema.minLength, schema.maxLength, " characters")];
}
