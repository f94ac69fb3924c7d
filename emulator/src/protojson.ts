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

export interface DetailsInput {
  sequence: number;
  creationDate?: string;
  changeDate?: string;
  resourceOwner: string;
}

/** zitadel.v1.ObjectDetails (sequence, creation_date, change_date, resource_owner). */
export function detailsToProto({ sequence, creationDate, changeDate, resourceOwner }: DetailsInput): Record<string, string> {
  const details: Record<string, string> = {};
  if (sequence !== 0) details.sequence = String(sequence);
  if (creationDate) details.creationDate = protoTimestamp(creationDate);
  if (changeDate) details.changeDate = protoTimestamp(changeDate);
  details.resourceOwner = resourceOwner;
  return details;
}

export interface ListDetailsInput {
  totalResult: number;
  processedSequence: number;
}

/**
 * zitadel.v1.ListDetails (total_result, processed_sequence, view_timestamp) or zitadel.object.v2.ListDetails
 * (total_result, processed_sequence, timestamp): the count and the projection's state, read now.
 */
export function listDetailsToProto({ totalResult, processedSequence }: ListDetailsInput, version: "v1" | "v2"): Record<string, string> {
  const details: Record<string, string> = {};
  if (totalResult !== 0) details.totalResult = String(totalResult);
  if (processedSequence !== 0) details.processedSequence = String(processedSequence);
  details[version === "v1" ? "viewTimestamp" : "timestamp"] = protoTimestamp(new Date().toISOString());
  return details;
}

const USER_STATES = { active: "USER_STATE_ACTIVE", inactive: "USER_STATE_INACTIVE", locked: "USER_STATE_LOCKED" } as const;

export interface UserProtoInput {
  id: string;
  username: string;
  details: DetailsInput;
  state: keyof typeof USER_STATES;
  machine?: { name: string; description?: string; hasSecret: boolean; accessTokenType: string };
  human?: { displayName: string; email: string };
}

/**
 * zitadel.user.v1.User (id, details, state, user_name, login_names, preferred_login_name, human | machine). With
 * the default domain policy (login need not be a domain) the only login name is the username. Zero values are
 * omitted: no description, hasSecret false and accessTokenType ACCESS_TOKEN_TYPE_BEARER (enum 0) do not appear.
 */
export function userToProto(user: UserProtoInput): Record<string, unknown> {
  const proto: Record<string, unknown> = {
    id: user.id,
    details: detailsToProto(user.details),
    state: USER_STATES[user.state],
    userName: user.username,
    loginNames: [user.username],
    preferredLoginName: user.username,
  };
  if (user.human) {
    proto.human = { profile: { displayName: user.human.displayName }, email: { email: user.human.email, isEmailVerified: true } };
  }
  if (user.machine) {
    const { name, description, hasSecret, accessTokenType } = user.machine;
    const machine: Record<string, unknown> = { name };
    if (description) machine.description = description;
    if (hasSecret) machine.hasSecret = true;
    if (accessTokenType !== "ACCESS_TOKEN_TYPE_BEARER") machine.accessTokenType = accessTokenType;
    proto.machine = machine;
  }
  return proto;
}

const V2_ORG_STATES: Record<Org["state"], string | undefined> = {
  ORG_STATE_UNSPECIFIED: undefined,
  ORG_STATE_ACTIVE: "ORGANIZATION_STATE_ACTIVE",
  ORG_STATE_INACTIVE: "ORGANIZATION_STATE_INACTIVE",
  ORG_STATE_REMOVED: "ORGANIZATION_STATE_REMOVED",
};

/** zitadel.org.v2.Organization (id, details, state, name, primary_domain); v2 details: sequence, change_date, resource_owner, creation_date. */
export function orgToV2Proto(org: Org): Record<string, unknown> {
  const details: Record<string, string> = {};
  if (org.sequence !== 0) details.sequence = String(org.sequence);
  details.changeDate = protoTimestamp(org.changedAt);
  details.resourceOwner = org.id;
  details.creationDate = protoTimestamp(org.createdAt);
  const proto: Record<string, unknown> = { id: org.id, details };
  const state = V2_ORG_STATES[org.state];
  if (state) proto.state = state;
  proto.name = org.name;
  proto.primaryDomain = org.primaryDomain;
  return proto;
}
