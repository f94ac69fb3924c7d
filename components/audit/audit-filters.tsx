"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AuditFilters as Filters } from "@/lib/client/use-audit";
import { auditActions, auditOutcomes } from "@/lib/schemas/audit";
import type { OperatorDto } from "@/lib/schemas/roles";
import { ACTION_LABELS } from "./audit-labels";

interface CredentialOption {
  id: string;
  label: string;
  clientId: string;
}

interface AuditFiltersProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  credentials: CredentialOption[];
  operators: OperatorDto[];
}

/** "2026-03-03T10:04" in this browser's time zone, as a datetime-local input shows an ISO instant. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The instant a datetime-local value names (read in this browser's time zone); the API takes ISO instants. */
function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Credential, operator, action, outcome and time range; each change narrows the log at once. */
export function AuditFilters({ filters, onChange, credentials, operators }: AuditFiltersProps) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const isKnownCredential = !filters.credentialId || credentials.some((item) => item.id === filters.credentialId);
  const isKnownOperator = !filters.actor || operators.some((item) => item.id === filters.actor);
  const isFiltered = Object.values(filters).some(Boolean);
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="Credential">
        <Select value={filters.credentialId ?? ""} onChange={(event) => set({ credentialId: event.target.value || undefined })}>
          <option value="">All credentials</option>
          {!isKnownCredential && filters.credentialId ? <option value={filters.credentialId}>Deleted or unknown credential</option> : null}
          {credentials.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label} ({item.clientId})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Operator">
        <Select value={filters.actor ?? ""} onChange={(event) => set({ actor: event.target.value || undefined })}>
          <option value="">Anyone</option>
          <option value="system">The console itself</option>
          {!isKnownOperator && filters.actor && filters.actor !== "system" ? <option value={filters.actor}>{filters.actor}</option> : null}
          {operators.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
              {item.login ? ` (${item.login})` : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Action">
        <Select value={filters.action ?? ""} onChange={(event) => set({ action: (event.target.value || undefined) as Filters["action"] })}>
          <option value="">Any action</option>
          {auditActions.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]} ({action})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Outcome">
        <Select
          value={filters.outcome ?? ""}
          onChange={(event) => set({ outcome: (event.target.value || undefined) as Filters["outcome"] })}
        >
          <option value="">Any outcome</option>
          {auditOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From" hint="Your time zone">
        <Input
          type="datetime-local"
          value={toLocalInput(filters.from)}
          max={toLocalInput(filters.to) || undefined}
          onChange={(event) => set({ from: fromLocalInput(event.target.value) })}
        />
      </Field>
      <Field label="To" hint="Your time zone">
        <Input
          type="datetime-local"
          value={toLocalInput(filters.to)}
          min={toLocalInput(filters.from) || undefined}
          onChange={(event) => set({ to: fromLocalInput(event.target.value) })}
        />
      </Field>
      {isFiltered ? (
        <div className="sm:col-span-2 lg:col-span-6">
          <Button type="button" onClick={() => onChange({})}>
            Clear filters
          </Button>
        </div>
      ) : null}
    </form>
  );
}
