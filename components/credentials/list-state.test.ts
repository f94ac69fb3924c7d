import { describe, expect, it } from "vitest";
import { listCredentialsQuerySchema } from "@/lib/schemas/credential";
import { SORT_OPTIONS, filterQuery, listStateSearch, parseListState, sortQuery, type ListState } from "./list-state";

/** The list's URL as the server page receives it again (a shared link, a reload). */
function reopen(state: ListState): ListState {
  return parseListState(Object.fromEntries(new URLSearchParams(listStateSearch(state))));
}

describe("the credential list's filters in the URL", () => {
  it("come back as they were from a shared link or a reload", () => {
    const state: ListState = {
      search: "billing & ops/2026",
      tag: "prod",
      sort: "updatedAt:desc",
      status: null,
      org: null,
      issuer: null,
      groupByOrg: false,
    };
    expect(reopen(state)).toEqual(state);
    const support: ListState = {
      search: "",
      tag: null,
      sort: "lastChecked:desc",
      status: "org_fails",
      org: "100000000000000001",
      issuer: "https://acme.zitadel.cloud",
      groupByOrg: true,
    };
    expect(reopen(support)).toEqual(support);
  });

  it("leave the URL clean when nothing is filtered and the sort is the default", () => {
    expect(listStateSearch({ search: "", tag: null, sort: "label:asc" })).toBe("");
    expect(parseListState({})).toEqual({
      search: "",
      tag: null,
      sort: "label:asc",
      status: null,
      org: null,
      issuer: null,
      groupByOrg: false,
    });
  });

  it("fall back to Label (A–Z) for a sort the list does not offer, and to every status for one that does not exist", () => {
    expect(parseListState({ sort: "secret:desc" }).sort).toBe("label:asc");
    expect(parseListState({ status: "fine" }).status).toBeNull();
  });

  it("ignore a parameter given twice rather than pick one", () => {
    expect(parseListState({ search: ["a", "b"], tag: ["x", "y"] })).toMatchObject({ search: "", tag: null });
  });

  it("cut a hand-made search or tag to what the API accepts", () => {
    const state = parseListState({ search: "s".repeat(500), tag: "t".repeat(100), org: "1".repeat(100), issuer: "h".repeat(400) });
    expect(listCredentialsQuerySchema.safeParse(filterQuery(state)).success).toBe(true);
    expect(listCredentialsQuerySchema.safeParse({ search: state.search }).success).toBe(true);
    expect(state.search).toHaveLength(200);
    expect(state.tag).toHaveLength(32);
  });

  it("drop a value the API would refuse, such as a search with a NUL byte", () => {
    expect(parseListState({ search: "acme\u0000", org: "1\u0000" })).toMatchObject({ search: "", org: null });
  });
});

describe("the sort menu", () => {
  it.each(SORT_OPTIONS.map((option) => [option.label, option.value] as const))("%s is a sort the API accepts", (_label, value) => {
    const query = listCredentialsQuerySchema.parse(sortQuery(value));
    expect(`${query.sort}:${query.order}`).toBe(value);
  });
});
