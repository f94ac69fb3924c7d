import { describe, expect, it } from "vitest";
import { listCredentialsQuerySchema } from "@/lib/schemas/credential";
import { SORT_OPTIONS, listStateSearch, parseListState, sortQuery, type ListState } from "./list-state";

/** The list's URL as the server page receives it again (a shared link, a reload). */
function reopen(state: ListState): ListState {
  return parseListState(Object.fromEntries(new URLSearchParams(listStateSearch(state))));
}

describe("the credential list's filters in the URL", () => {
  it("come back as they were from a shared link or a reload", () => {
    const state: ListState = { search: "billing & ops/2026", tag: "prod", sort: "updatedAt:desc" };
    expect(reopen(state)).toEqual(state);
  });

  it("leave the URL clean when nothing is filtered and the sort is the default", () => {
    expect(listStateSearch({ search: "", tag: null, sort: "label:asc" })).toBe("");
    expect(parseListState({})).toEqual({ search: "", tag: null, sort: "label:asc" });
  });

  it("fall back to Label (A–Z) for a sort the list does not offer", () => {
    expect(parseListState({ sort: "secret:desc" }).sort).toBe("label:asc");
  });

  it("ignore a parameter given twice rather than pick one", () => {
    expect(parseListState({ search: ["a", "b"], tag: ["x", "y"] })).toMatchObject({ search: "", tag: null });
  });

  it("cut a hand-made search or tag to what the API accepts", () => {
    const state = parseListState({ search: "s".repeat(500), tag: "t".repeat(100) });
    expect(state.search).toHaveLength(200);
    expect(state.tag).toHaveLength(32);
  });
});

describe("the sort menu", () => {
  it.each(SORT_OPTIONS.map((option) => [option.label, option.value] as const))("%s is a sort the API accepts", (_label, value) => {
    const query = listCredentialsQuerySchema.parse(sortQuery(value));
    expect(`${query.sort}:${query.order}`).toBe(value);
  });
});
