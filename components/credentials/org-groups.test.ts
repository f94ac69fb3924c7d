import { describe, expect, it } from "vitest";
import type { CredentialListItem } from "@/lib/schemas/credential";
import type { HealthCounts } from "@/lib/schemas/health";
import { groupByOrg } from "./org-groups";

const item = (id: string, org: string | null) =>
  ({ id, health: { lastKnownOrg: org ? { id: org, name: org, at: "2026-01-01T00:00:00.000Z" } : null } }) as CredentialListItem;

function counts(byOrg: [string | null, number][]): HealthCounts {
  return { byOrg: byOrg.map(([id, count]) => ({ id, name: id, count })) } as HealthCounts;
}

describe("grouping the list by organization", () => {
  it("puts the credentials with no known organization last, even when they are the most", () => {
    const items = [item("a", "acme"), item("b", null), item("c", "globex"), item("d", null), item("e", "acme")];
    const groups = groupByOrg(
      items,
      counts([
        [null, 9],
        ["acme", 5],
        ["globex", 2],
      ]),
    );
    expect(groups.map((group) => group.id)).toEqual(["acme", "globex", null]);
    expect(groups[2]?.items.map((member) => member.id)).toEqual(["b", "d"]);
  });

  it("orders the organizations as the counts do, and one the counts do not name after them", () => {
    const items = [item("a", "initech"), item("b", "globex"), item("c", null), item("d", "acme")];
    expect(
      groupByOrg(
        items,
        counts([
          ["globex", 3],
          ["acme", 1],
        ]),
      ).map((group) => group.id),
    ).toEqual(["globex", "acme", "initech", null]);
    expect(groupByOrg(items, null).map((group) => group.id)).toContain(null);
  });
});
