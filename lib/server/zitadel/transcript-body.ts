import "server-only";
import { MAX_OTHER_FIELDS, type OtherField } from "@/lib/schemas/diagnostics";
import { maskToken } from "./token-format";

// An issuer's JSON answer as the browser may see it: only the fields ZITADEL defines for that endpoint, tokens masked
// and text cut short; anything else an issuer the console does not control sends is named and sized, never shown.

export type AnswerShape = "token" | "orgs_me" | "introspection";

export interface DescribedAnswer {
  /** The defined fields, masked and cut; null when the answer is not a JSON object at all. */
  shown: Record<string, unknown> | null;
  /** Everything else, named and sized (the first MAX_OTHER_FIELDS). */
  otherFields: OtherField[];
  otherFieldsTotal: number;
}

type Field =
  | { kind: "token" }
  | { kind: "text"; max: number }
  | { kind: "prose"; max: number }
  | { kind: "number" }
  | { kind: "flag" }
  | { kind: "texts"; max: number }
  | { kind: "object"; fields: Fields }
  | { kind: "list"; item: Fields; max: number };
type Fields = Readonly<Record<string, Field>>;

const token: Field = { kind: "token" };
const text = (max: number): Field => ({ kind: "text", max });
// An issuer's own words (error, error_description, message): text only, one line, no markup (see plainText).
const prose = (max: number): Field => ({ kind: "prose", max });
const number: Field = { kind: "number" };
const flag: Field = { kind: "flag" };

// google.rpc.Status from ZITADEL's gRPC gateway: matched on the details' ids, whose messages are translated prose.
const GRPC_ERROR: Fields = {
  code: number,
  message: prose(200),
  details: { kind: "list", item: { id: text(64) }, max: 5 },
};

const SHAPES: Record<AnswerShape, Fields> = {
  token: {
    access_token: token,
    id_token: token,
    refresh_token: token,
    token_type: text(64),
    expires_in: number,
    error: prose(100),
    error_description: prose(200),
    ...GRPC_ERROR,
  },
  orgs_me: {
    org: {
      kind: "object",
      fields: {
        id: text(64),
        name: text(200),
        primaryDomain: text(200),
        state: text(64),
        details: { kind: "object", fields: { sequence: text(32), creationDate: text(64), changeDate: text(64), resourceOwner: text(64) } },
      },
    },
    ...GRPC_ERROR,
  },
  // RFC 7662 and ZITADEL's claims (docs/zitadel-notes.md#introspection-and-userinfo); `jti` names the token, so it is not shown.
  introspection: {
    active: flag,
    scope: text(1000),
    client_id: text(200),
    token_type: text(64),
    exp: number,
    iat: number,
    auth_time: number,
    nbf: number,
    sub: text(200),
    aud: { kind: "texts", max: 20 },
    iss: text(300),
    username: text(200),
    preferred_username: text(200),
    "urn:zitadel:iam:user:resourceowner:id": text(64),
    error: prose(100),
    error_description: prose(200),
  },
};

const MAX_NAME_CHARS = 60;

/** The parts of a parsed JSON answer that may be shown, and a description of the rest. */
export function describeJsonAnswer(json: unknown, shape: AnswerShape): DescribedAnswer {
  const others: OtherField[] = [];
  if (!isRecord(json)) {
    others.push(summarise("(the whole answer)", json));
    return { shown: null, otherFields: others, otherFieldsTotal: 1 };
  }
  const shown = pick(json, SHAPES[shape], "", others);
  return { shown, otherFields: others.slice(0, MAX_OTHER_FIELDS), otherFieldsTotal: others.length };
}

function pick(value: Record<string, unknown>, fields: Fields, path: string, others: OtherField[]): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = path ? `${path}.${key}` : key;
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    const kept = field ? keep(inner, field, name, others) : undefined;
    if (kept === undefined) others.push(summarise(name, inner));
    else shown[key] = kept;
  }
  return shown;
}

/** The value as it may be shown, or undefined when it is not of the type ZITADEL sends there. */
function keep(value: unknown, field: Field, name: string, others: OtherField[]): unknown {
  switch (field.kind) {
    case "token":
      return typeof value === "string" ? maskToken(value) : undefined;
    case "text":
      return typeof value === "string" ? cut(value, field.max) : undefined;
    case "prose":
      return typeof value === "string" ? plainText(value, field.max) : undefined;
    case "number":
      return typeof value === "number" ? value : undefined;
    case "flag":
      return typeof value === "boolean" ? value : undefined;
    case "texts":
      if (typeof value === "string") return cut(value, 200); // a single audience may come as a string
      if (!Array.isArray(value) || value.length > field.max || !value.every((item) => typeof item === "string")) return undefined;
      return value.map((item: string) => cut(item, 200));
    case "object":
      return isRecord(value) ? pick(value, field.fields, name, others) : undefined;
    case "list":
      if (!Array.isArray(value)) return undefined;
      return value.flatMap((item, index) => {
        const itemName = `${name}[${index}]`;
        if (index < field.max && isRecord(item)) return [pick(item, field.item, itemName, others)];
        others.push(summarise(itemName, item));
        return [];
      });
  }
}

function summarise(name: string, value: unknown): OtherField {
  const shownName = cut(name, MAX_NAME_CHARS);
  if (typeof value === "string") return { name: shownName, type: "string", size: value.length };
  if (Array.isArray(value)) return { name: shownName, type: "array", size: value.length };
  if (isRecord(value)) return { name: shownName, type: "object", size: Object.keys(value).length };
  if (value === null) return { name: shownName, type: "null" };
  return { name: shownName, type: typeof value === "number" ? "number" : "boolean" };
}

// Upstream prose as text and nothing else: angle brackets (markup wherever it is pasted), bidirectional and zero-width
// controls (text that reads differently than it is) and runs of white space go; what is left is one plain line.
export function plainText(value: string, max: number): string {
  const flat = value
    .replace(/[<>\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cut(flat, max);
}

// Control characters are flattened so that upstream text reads as one line of text wherever it is pasted.
function cut(value: string, max: number): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1).replace(/[\ud800-\udbff]$/, "")}…` : flat;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
