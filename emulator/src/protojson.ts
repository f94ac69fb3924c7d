import type { Org } from "./seed";

// grpc-gateway's protojson: camelCase, zero values omitted, uint64 as strings, enums by name.

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** google.protobuf.Timestamp: UTC with 0, 3, 6 or 9 fractional digits. */
export function protoTimestamp(rfc3339: string): string {
  const match = RFC3339.exec(rfc3339);
  if (!match) throw new Error(`not an RFC 3339 timestamp: ${rfc3339}`);
  const [, dateTime, fraction = "", zone] = match;
  const seconds = new Date(`${dateTime}${zone}`).toISOString().slice(0, 19);
  const nanos = fraction.padEnd(9, "0");
  if (/^0{9}$/.test(nanos)) return `${seconds}Z`;
  if (nanos.endsWith("000000")) return `${seconds}.${nanos.slice(0, 3)}Z`;
  if (nanos.endsWith("000")) return `${seconds}.${nanos.slice(0, 6)}Z`;
  return `${seconds}.${nanos}Z`;
}

/** zitadel.org.v1.Org in field-number order (id, details, state, name, primary_domain). */
export function orgToProto(org: Org): Record<string, unknown> {
  const details: Record<string, string> = {};
  if (org.sequence !== 0) details.sequence = String(org.sequence);
  details.creationDate = protoTimestamp(org.createdAt);
  details.changeDate = protoTimestamp(org.changedAt);
  details.resourceOwner = org.id;
  const proto: Record<string, unknown> = { id: org.id, details };
  if (org.state !== "ORG_STATE_UNSPECIFIED") proto.state = org.state;
  proto.name = org.name;
  proto.primaryDomain = org.primaryDomain;
  return proto;
}
