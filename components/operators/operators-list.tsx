"use client";

import { useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/table";
import { useMe } from "@/lib/client/use-me";
import { useOperators } from "@/lib/client/use-operators";
import type { OperatorDto } from "@/lib/schemas/roles";
import { ConfirmOperatorChange, type OperatorChange } from "./confirm-operator-change";
import { OPERATOR_COLUMNS, OperatorTable } from "./operator-table";

/** Everyone who has signed in, with the role ZITADEL (or the static map) gives them and an admin's cap or block. */
export function OperatorsList() {
  const { operators, error, isLoading, retry, update, endSessions } = useOperators();
  const { me } = useMe();
  const [change, setChange] = useState<OperatorChange | null>(null);
  const [endError, setEndError] = useState<unknown>(null);

  // /api/me names the id; until it has answered, the layout's login tells the admin's own row apart.
  const isSelf = (operator: OperatorDto) => (me && "id" in me ? operator.id === me.id : me?.login != null && operator.login === me.login);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Operators</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Everyone who has signed in. Their role comes from ZITADEL at each sign-in; here you can cap it lower or disable them. Capping or
          disabling signs them out at once, everywhere; so does ending their sessions. Your own access can only be changed by another admin.
        </p>
      </header>
      {endError ? <ErrorState error={endError} title="The sessions could not be ended" onRetry={() => setEndError(null)} /> : null}
      {error && !operators ? (
        <ErrorState error={error} onRetry={() => void retry()} title="The operators could not be loaded" />
      ) : isLoading || !operators ? (
        <TableSkeleton columns={OPERATOR_COLUMNS} rows={4} label="Loading operators…" />
      ) : (
        <OperatorTable
          operators={operators}
          isSelf={isSelf}
          onChange={setChange}
          onEndSessions={(operator) => {
            setEndError(null);
            endSessions(operator.id).catch(setEndError);
          }}
        />
      )}
      <ConfirmOperatorChange
        change={change}
        onClose={() => setChange(null)}
        onConfirm={async (pending) => {
          await update(pending.operator.id, { version: pending.operator.version, ...pending.patch });
          setChange(null);
        }}
        onReload={() => void retry()}
      />
    </div>
  );
}
