import { Badge, type BadgeTone } from "./badge";
import { cn } from "./cn";

interface BadgeListProps {
  items: string[];
  /** Names the list for assistive technology, e.g. "Tags". */
  label: string;
  /** Said instead of an empty list. */
  empty?: string;
  tone?: BadgeTone;
  /** Identifiers (scopes, audiences) in a monospace face, broken anywhere rather than overflowing. */
  isCode?: boolean;
}

/** Short values side by side as badges: tags, scopes, audiences. */
export function BadgeList({ items, label, empty = "—", tone, isCode = false }: BadgeListProps) {
  if (items.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">{empty}</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {items.map((item) => (
        <li key={item}>
          <Badge tone={tone} className={cn(isCode && "font-mono font-normal break-all")}>
            {item}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
