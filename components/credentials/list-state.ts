import type { CredentialListQuery } from "@/lib/client/use-credentials";

// The list's filters as the URL carries them (?search=&tag=&sort=), readable by the server page and the client list.

export const SORT_OPTIONS = [
  { value: "label:asc", label: "Label (A–Z)" },
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
}

export function parseListState(params: Record<string, string | string[] | undefined>): ListState {
  const one = (name: string) => {
    const value = params[name];
    return typeof value === "string" ? value : "";
  };
  const sort = SORT_OPTIONS.find((option) => option.value === one("sort"))?.value ?? "label:asc";
  return { search: one("search").slice(0, 200), tag: one("tag").slice(0, 32) || null, sort };
}

export function sortQuery(value: SortValue): Pick<CredentialListQuery, "sort" | "order"> {
  const [sort, order] = value.split(":") as [NonNullable<CredentialListQuery["sort"]>, "asc" | "desc"];
  return { sort, order };
}

export function listStateSearch(state: ListState): string {
  const params = new URLSearchParams();
  if (state.search) params.set("search", state.search);
  if (state.tag) params.set("tag", state.tag);
  if (state.sort !== "label:asc") params.set("sort", state.sort);
  return params.toString();
}
