import { create, createFileRegistry, createRegistry, fromJson, toJson, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  file_google_protobuf_any,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";
import * as management from "@zitadel/proto/zitadel/management_pb.js";
import { ErrorDetailSchema } from "@zitadel/proto/zitadel/message_pb.js";
import * as orgV2 from "@zitadel/proto/zitadel/org/v2/org_service_pb.js";

// ZITADEL's own message definitions (@zitadel/proto) for the Management and v2 calls the console makes, to hold a
// JSON body to protojson as the gateway writes it: no unknown field, 64-bit integers as strings, enums by name,
// RFC 3339 timestamps, zero values left out.

interface ZitadelCall {
  method: string;
  path: RegExp;
  request: DescMessage;
  response: DescMessage;
  /** The request fields the path carries, in the order of the path's groups. */
  pathFields?: string[];
}

const ID = "([^/?]+)";

export const ZITADEL_CALLS: readonly ZitadelCall[] = [
  {
    method: "POST",
    path: /^\/management\/v1\/users\/machine$/,
    request: management.AddMachineUserRequestSchema,
    response: management.AddMachineUserResponseSchema,
  },
  {
    method: "GET",
    path: /^\/management\/v1\/global\/users\/_by_login_name$/,
    request: management.GetUserByLoginNameGlobalRequestSchema,
    response: management.GetUserByLoginNameGlobalResponseSchema,
  },
  {
    method: "GET",
    path: new RegExp(`^/management/v1/users/${ID}$`),
    request: management.GetUserByIDRequestSchema,
    response: management.GetUserByIDResponseSchema,
    pathFields: ["id"],
  },
  {
    method: "PUT",
    path: new RegExp(`^/management/v1/users/${ID}/secret$`),
    request: management.GenerateMachineSecretRequestSchema,
    response: management.GenerateMachineSecretResponseSchema,
    pathFields: ["userId"],
  },
  {
    method: "DELETE",
    path: new RegExp(`^/management/v1/users/${ID}/secret$`),
    request: management.RemoveMachineSecretRequestSchema,
    response: management.RemoveMachineSecretResponseSchema,
    pathFields: ["userId"],
  },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/_reactivate$`),
    request: management.ReactivateUserRequestSchema,
    response: management.ReactivateUserResponseSchema,
    pathFields: ["id"],
  },
  {
    method: "GET",
    path: /^\/management\/v1\/orgs\/me$/,
    request: management.GetMyOrgRequestSchema,
    response: management.GetMyOrgResponseSchema,
  },
  {
    method: "POST",
    path: /^\/management\/v1\/orgs\/me\/members$/,
    request: management.AddOrgMemberRequestSchema,
    response: management.AddOrgMemberResponseSchema,
  },
  {
    method: "POST",
    path: /^\/management\/v1\/orgs\/me\/members\/_search$/,
    request: management.ListOrgMembersRequestSchema,
    response: management.ListOrgMembersResponseSchema,
  },
  {
    method: "PUT",
    path: new RegExp(`^/management/v1/orgs/me/members/${ID}$`),
    request: management.UpdateOrgMemberRequestSchema,
    response: management.UpdateOrgMemberResponseSchema,
    pathFields: ["userId"],
  },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/keys/_search$`),
    request: management.ListMachineKeysRequestSchema,
    response: management.ListMachineKeysResponseSchema,
    pathFields: ["userId"],
  },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/pats/_search$`),
    request: management.ListPersonalAccessTokensRequestSchema,
    response: management.ListPersonalAccessTokensResponseSchema,
    pathFields: ["userId"],
  },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/memberships/_search$`),
    request: management.ListUserMembershipsRequestSchema,
    response: management.ListUserMembershipsResponseSchema,
    pathFields: ["userId"],
  },
  {
    method: "POST",
    path: /^\/management\/v1\/users\/grants\/_search$/,
    request: management.ListUserGrantRequestSchema,
    response: management.ListUserGrantResponseSchema,
  },
  {
    method: "POST",
    path: /^\/v2\/organizations\/_search$/,
    request: orgV2.ListOrganizationsRequestSchema,
    response: orgV2.ListOrganizationsResponseSchema,
  },
];

// google.rpc.Status is not in @zitadel/proto: its three fields, built from a descriptor (googleapis' status.proto).
const statusFile = create(FileDescriptorProtoSchema, {
  name: "google/rpc/status.proto",
  package: "google.rpc",
  dependency: ["google/protobuf/any.proto"],
  syntax: "proto3",
  messageType: [
    {
      name: "Status",
      field: [
        { name: "code", jsonName: "code", number: 1, type: FieldDescriptorProto_Type.INT32, label: FieldDescriptorProto_Label.OPTIONAL },
        {
          name: "message",
          jsonName: "message",
          number: 2,
          type: FieldDescriptorProto_Type.STRING,
          label: FieldDescriptorProto_Label.OPTIONAL,
        },
        {
          name: "details",
          jsonName: "details",
          number: 3,
          type: FieldDescriptorProto_Type.MESSAGE,
          typeName: ".google.protobuf.Any",
          label: FieldDescriptorProto_Label.REPEATED,
        },
      ],
    },
  ],
});
const statusRegistry = createFileRegistry(statusFile, (name) =>
  name === "google/protobuf/any.proto" ? file_google_protobuf_any : undefined,
);
export const StatusSchema = statusRegistry.getMessage("google.rpc.Status")!;
// An error's details are Any messages; ZITADEL puts its ErrorDetail there.
const anyTypes = createRegistry(ErrorDetailSchema);

export function findZitadelCall(method: string, pathname: string): { call: ZitadelCall; pathValues: string[] } | undefined {
  for (const call of ZITADEL_CALLS) {
    const match = call.method === method ? call.path.exec(pathname) : null;
    if (match) return { call, pathValues: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

/**
 * The body as protojson would write the message it decodes to, or a thrown error naming the unknown field or
 * wrong value. An answer must equal it; a request may also carry zero values (the gateway reads them alike).
 */
export function canonicalJson(schema: DescMessage, json: unknown): JsonValue {
  const message = fromJson(schema, json as JsonValue, { ignoreUnknownFields: false, registry: anyTypes });
  return toJson(schema, message, { registry: anyTypes });
}

/** A request body in protojson form: each field it sends as protojson writes it, zero values included. */
export function canonicalRequestJson(schema: DescMessage, json: unknown): unknown {
  const message = fromJson(schema, json as JsonValue, { ignoreUnknownFields: false });
  return sameShape(toJson(schema, message, { alwaysEmitImplicit: true }), json);
}

/** `full` cut down to the keys `like` has, at every depth. */
function sameShape(full: unknown, like: unknown): unknown {
  if (Array.isArray(full) && Array.isArray(like)) return full.map((item, index) => sameShape(item, like[index]));
  if (!isObject(full) || !isObject(like)) return full;
  return Object.fromEntries(Object.keys(like).map((key) => [key, sameShape(full[key], like[key])]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
