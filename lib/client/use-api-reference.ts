"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";

// The API reference (GET /api/openapi.json), generated on the server from each route's schemas. It changes only with a
// new build, so it is fetched once per visit.

export const API_REFERENCE_URL = "/api/openapi.json";

export type JsonSchema = { [keyword: string]: unknown };

interface ApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface ApiOperation {
  operationId: string;
  summary?: string;
  description: string;
  parameters: ApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface ApiReferenceDocument {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, ApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export function useApiReference() {
  const { data, error, isLoading, mutate } = useSWR<ApiReferenceDocument>(
    API_REFERENCE_URL,
    (url: string) => apiFetch<ApiReferenceDocument>(url),
    {
      revalidateOnFocus: false,
      revalidateIfStale: false,
    },
  );
  return { reference: data, error: error as unknown, isLoading, retry: () => mutate() };
}
