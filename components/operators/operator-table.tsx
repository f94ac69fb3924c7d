"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Select } from "@/components/ui/select";
import { TBody, THeadRow, Table, Td, Tr, type Column } from "@/components/ui/table";
import { roleLabels, roleSchema, type OperatorDto, type Role } from "@/lib/schemas/roles";
import type { OperatorChange } from "./confirm-operator-change";

export const OPERATOR_COLUMNS: readonly Column[] = [
  "Operator",
  "Role",
  "Sign-in role",
  "Cap",
  "Status",
  "Sessions",
  "Last sign-in",
  { label: "Actions", isLabelHidden: true },
];

const SOURCES = { zitadel: "ZITADEL", static: "static map" } as const;
// An admin cap is no cap at all (nobody gets more than they sign in with), so it is not offered.
const CAPS: Role[] = ["viewer", "operator"];

interface OperatorTableProps {
  operators: OperatorDto[];
  isSelf: (operator: OperatorDto) => boolean;
  onChange: (change: OperatorChange) => void;
  onEndSessions: (operator: OperatorDto) => void;
}

export function OperatorTable({ operators, isSelf, onChange, onEndSessions }: OperatorTableProps) {
  return (
    <Table scrollLabel="Operators">
      <caption className="sr-only">Operators, {operators.length} in all</caption>
      <THeadRow columns={OPERATOR_COLUMNS} />
      <TBody>
        {operators.map((operator) => (
          <OperatorRow key={operator.id} operator={operator} isSelf={isSelf(operator)} onChange={onChange} onEndSessions={onEndSessions} />
        ))}
      </TBody>
    </Table>
  );
}

function OperatorRow({
  operator,
  isSelf,
  onChange,
  onEndSessions,
}: {
  operator: OperatorDto;
  isSelf: boolean;
  onChange: (change: OperatorChange) => void;
  onEndSessions: (operator: OperatorDto) => void;
}) {
  const { name } = operator;
  return (
    <Tr data-testid="operator-row" data-login={operator.login ?? undefined}>
      <Td>
        <div className="font-medium">
          {name} {isSelf ? <Badge tone="accent">you</Badge> : null}
          {operator.kind === "machine" ? <Badge>machine</Badge> : null}
        </div>
        <div className="text-xs text-zinc-500 dark:text-zinc-400">
          {[operator.login, operator.email, operator.org].filter(Boolean).join(" · ") || "—"}
        </div>
      </Td>
      <Td data-testid="operator-role">
        {operator.role ? roleLabels[operator.role] : <span className="text-zinc-500 dark:text-zinc-400">No role</span>}
      </Td>
      <Td>
        {operator.signInRole ? roleLabels[operator.signInRole] : "None"}
        {operator.roleSource ? (
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">from {SOURCES[operator.roleSource]}</span>
        ) : null}
      </Td>
      <Td>
        {isSelf ? (
          <span className="text-zinc-600 dark:text-zinc-400">{operator.roleCap ? roleLabels[operator.roleCap] : "No cap"}</span>
        ) : (
          <Select
            aria-label={`Role cap for ${name}`}
            value={operator.roleCap ?? ""}
            onChange={(event) => {
              const value = event.target.value;
              const roleCap = value === "" ? null : roleSchema.parse(value);
              onChange({
                operator,
                patch: { roleCap },
                summary: roleCap ? `Cap ${name} at ${roleLabels[roleCap].toLowerCase()}?` : `Remove ${name}'s cap?`,
              });
            }}
            className="w-36"
          >
            <option value="">No cap</option>
            {CAPS.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </Select>
        )}
      </Td>
      <Td>{operator.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
      <Td className="whitespace-nowrap" data-testid="operator-sessions">
        <span className="text-zinc-600 dark:text-zinc-400">{operator.liveSessions === 1 ? "1 open" : `${operator.liveSessions} open`}</span>
        {!isSelf && operator.liveSessions > 0 ? (
          <Button
            size="sm"
            variant="secondary"
            className="ml-2"
            aria-label={`End ${name}'s sessions`}
            onClick={() => onEndSessions(operator)}
          >
            End
          </Button>
        ) : null}
      </Td>
      <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        {operator.kind === "machine" && operator.lastSeenAt ? (
          <>
            seen <RelativeTime value={operator.lastSeenAt} />
          </>
        ) : operator.lastSignInAt ? (
          <RelativeTime value={operator.lastSignInAt} />
        ) : (
          "—"
        )}
      </Td>
      <Td className="text-right">
        {isSelf ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Your own access</span>
        ) : (
          <Button
            size="sm"
            variant={operator.isDisabled ? "secondary" : "danger"}
            aria-label={`${operator.isDisabled ? "Enable" : "Disable"} ${name}`}
            onClick={() =>
              onChange({
                operator,
                patch: { isDisabled: !operator.isDisabled },
                summary: operator.isDisabled ? `Enable ${name}?` : `Disable ${name}?`,
              })
            }
          >
            {operator.isDisabled ? "Enable" : "Disable"}
          </Button>
        )}
      </Td>
    </Tr>
  );
}
