import type { CredentialListQuery } from "@/lib/client/use-credentials";
import type { HealthStatus } from "@/lib/health-statuses";
import { CREDENTIAL_FILTER_LIMITS, credentialFilterSchema } from "@/lib/schemas/credential";

// The list's filters as the URL carries them (?search=&tag=&status=&org=&issuer=&group=org&sort=), readable by the
// server page and the client list. Each filter is read by the list API's own filter schema, so the page asks for
// nothing the API would refuse.

export const SORT_OPTIONS = [
  { value: "label:asc", label: "Label (A–Z)" },
  { value: "lastChecked:desc", label: "Recently checked" },
  { value: "lastChecked:asc", label: "Least recently checked" },
  { value: "updatedAt:desc", label: "Recently updated" },
  { value: "createdAt:desc", label: "Recently registered" },
  { value: "issuer:asc", label: "Issuer" },
  { value: "clientId:asc", label: "Client ID" },
] as const;

export type SortValue = (typeof SORT_OPTIONS)[number]["value"];

export interface ListState {
  search: string;
  tag: string | null;
  sort: SortValue;
  status?: HealthStatus | null;
  /** The last known org's id. */
  org?: string | null;
  issuer?: string | null;
  /** Support's view: one section per last known organization. */
  groupByOrg?: boolean;
}

export function parseListState(params: Record<string, string | string[] | undefined>): ListState {
  const one = (name: string) => {
    const value = params[name];
    return typeof value === "string" ? value : "";
  };
  // A hand-made value too long is cut to the filter's limit; one the filter refuses (a NUL byte) is dropped.
  const filter = <K extends keyof typeof CREDENTIAL_FILTER_LIMITS>(name: K) => {
    const parsed = credentialFilterSchema.shape[name].safeParse(one(name).slice(0, CREDENTIAL_FILTER_LIMITS[name]));
    return parsed.success ? (parsed.data ?? null) : null;
  };
  const status = credentialFilterSchema.shape.status.safeParse(one("status") || undefined);
  const sort = SORT_OPTIONS.find((option) => option.value === one("sort"))?.value ?? "label:asc";
  return {
    search: filter("search") ?? "",
    tag: filter("tag"),
    sort,
    status: (status.success ? status.data : null) ?? null,
    org: filter("org"),
    issuer: filter("issuer"),
    groupByOrg: one("group") === "org",
  };
}

export function sortQuery(value: SortValue): Pick<CredentialListQuery, "sort" | "order"> {
  const [sort, order] = value.split(":") as [NonNullable<CredentialListQuery["sort"]>, "asc" | "desc"];
  return { sort, order };
}

/** The filters as the API takes them (GET /api/credentials and /counts). */
export function filterQuery(
  state: Pick<ListState, "status" | "org" | "issuer" | "tag">,
): Pick<CredentialListQuery, "status" | "org" | "issuer" | "tag"> {
  return { tag: state.tag ?? undefined, status: state.status ?? undefined, org: state.org ?? undefined, issuer: state.issuer ?? undefined };
}

export function listStateSearch(state: ListState): string {
  const params = new URLSearchParams();
  if (state.search) params.set("search", state.search);
  if (state.tag) params.set("tag", state.tag);
  if (state.status) params.set("status", state.status);
  if (state.org) params.set("org", state.org);
  if (state.issuer) params.set("issuer", state.issuer);
  if (state.groupByOrg) params.set("group", "org");
  if (state.sort !== "label:asc") params.set("sort", state.sort);
  return params.toString();
}
