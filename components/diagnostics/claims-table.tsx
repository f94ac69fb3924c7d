import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatDateTime } from "@/components/ui/time-format";

// A JWT header or claim set as a readable two-column table; NumericDate claims also shown as dates.

const TIME_CLAIMS = new Set(["exp", "iat", "nbf", "auth_time", "updated_at"]);

export function ClaimsTable({ claims, caption }: { claims: Record<string, unknown>; caption: string }) {
  const entries = Object.entries(claims);
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No claims.</p>;
  return (
    <ScrollRegion label={caption} className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {entries.map(([name, value]) => (
            <tr key={name} className="align-top">
              <th
                scope="row"
                className="w-40 bg-zinc-50 px-3 py-2 font-mono text-xs font-medium text-zinc-600 dark:bg-zinc-900/60 dark:text-zinc-400"
              >
                {name}
              </th>
              <td className="px-3 py-2 font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">
                <ClaimValue name={name} value={value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ClaimValue({ name, value }: { name: string; value: unknown }) {
  if (TIME_CLAIMS.has(name) && typeof value === "number") {
    return (
      <>
        {value}
        <span className="ml-2 font-sans text-zinc-500 dark:text-zinc-400">{formatDateTime(value * 1000)}</span>
      </>
    );
  }
  if (typeof value === "string") return <>{value}</>;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return <>{value.join(", ")}</>;
  return <span className="whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</span>;
}
