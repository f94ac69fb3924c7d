"use client";

import { cn } from "@/components/ui/cn";
import { FilterChip } from "@/components/ui/filter-chip";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SORT_OPTIONS, type SortValue } from "./list-state";

interface CredentialFiltersProps {
  search: string;
  onSearch: (value: string) => void;
  sort: SortValue;
  onSort: (value: SortValue) => void;
  tags: string[];
  tag: string | null;
  onTag: (value: string | null) => void;
  issuers: string[];
  issuer: string | null;
  onIssuer: (value: string | null) => void;
  groupByOrg: boolean;
  onGroupByOrg: (value: boolean) => void;
}

export function CredentialFilters(props: CredentialFiltersProps) {
  const { search, onSearch, sort, onSort, tags, tag, onTag, issuers, issuer, onIssuer, groupByOrg, onGroupByOrg } = props;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="credential-search" className="sr-only">
            Search credentials
          </label>
          <Input
            id="credential-search"
            type="search"
            value={search}
            onChange={(event) => onSearch(event.target.value)}
            placeholder="Search label, client ID, issuer, tag or organization"
            autoComplete="off"
          />
        </div>
        {issuers.length > 1 || issuer ? (
          <div className="flex items-center gap-2">
            <label htmlFor="credential-issuer" className="text-sm text-zinc-600 dark:text-zinc-400">
              Issuer
            </label>
            <Select
              id="credential-issuer"
              value={issuer ?? ""}
              onChange={(event) => onIssuer(event.target.value || null)}
              className="w-auto"
            >
              <option value="">All issuers</option>
              {[...new Set([...issuers, ...(issuer ? [issuer] : [])])].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <button
          type="button"
          aria-pressed={groupByOrg}
          onClick={() => onGroupByOrg(!groupByOrg)}
          className={cn(
            "rounded-md px-3 py-2 text-sm font-medium ring-1 ring-inset",
            groupByOrg
              ? "bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500 dark:ring-indigo-500"
              : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800",
          )}
        >
          Group by organization
        </button>
        <div className="flex items-center gap-2">
          <label htmlFor="credential-sort" className="text-sm text-zinc-600 dark:text-zinc-400">
            Sort
          </label>
          <Select id="credential-sort" value={sort} onChange={(event) => onSort(event.target.value as SortValue)} className="w-auto">
            {SORT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {tags.length > 0 ? (
        <div role="group" aria-label="Filter by tag" className="flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Tags</span>
          <FilterChip isActive={tag === null} onClick={() => onTag(null)}>
            All
          </FilterChip>
          {tags.map((name) => (
            <FilterChip key={name} isActive={tag === name} onClick={() => onTag(tag === name ? null : name)}>
              {name}
            </FilterChip>
          ))}
        </div>
      ) : null}
    </div>
  );
}
