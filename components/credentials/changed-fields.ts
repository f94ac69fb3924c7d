import type { CredentialDto } from "@/lib/schemas/credential";

// What an edit changed, by name, so the banner after saving says what happened instead of a generic sentence.

const FIELDS = {
  label: "label",
  issuer: "issuer",
  clientId: "client ID",
  scopes: "scopes",
  orgId: "organization ID",
  authMethod: "client authentication",
  tags: "tags",
  notes: "notes",
} as const;

type Field = keyof typeof FIELDS;

export function changedFields(before: CredentialDto, after: CredentialDto): Field[] {
  return (Object.keys(FIELDS) as Field[]).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** "Saved: label, tags." — unknown names (a hand-edited URL) are left out. */
export function describeSaved(fields: readonly string[]): string {
  const names = fields.filter((field): field is Field => Object.hasOwn(FIELDS, field)).map((field) => FIELDS[field]);
  return names.length === 0 ? "Saved: nothing changed." : `Saved: ${names.join(", ")}.`;
}
