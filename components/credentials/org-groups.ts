import type { CredentialListItem } from "@/lib/schemas/credential";
import type { HealthCounts } from "@/lib/schemas/health";

// Grouping by organization: the credentials loaded so far, one group per last known organization, in the order the
// counts give (largest first); the credentials with no known organization come last, whatever their number, since
// they are what is left over rather than an organization among the others.

export interface OrgGroup {
  id: string | null;
  items: CredentialListItem[];
}

export function groupByOrg(items: CredentialListItem[], counts: HealthCounts | null): OrgGroup[] {
  const groups = new Map<string | null, CredentialListItem[]>();
  for (const item of items) {
    const id = item.health.lastKnownOrg?.id ?? null;
    groups.set(id, [...(groups.get(id) ?? []), item]);
  }
  const rank = new Map((counts?.byOrg ?? []).map((entry, index) => [entry.id, index]));
  return [...groups.entries()]
    .map(([id, members]) => ({ id, items: members }))
    .sort((a, b) => Number(a.id === null) - Number(b.id === null) || (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
}
