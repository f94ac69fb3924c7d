"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api-error";
import { lowerRole, roleLabels, type OperatorDto, type Role } from "@/lib/schemas/roles";

export interface OperatorChange {
  operator: OperatorDto;
  patch: { roleCap: Role | null } | { isDisabled: boolean };
  /** The question the dialog asks, e.g. "Cap Oscar Operator at viewer?" */
  summary: string;
}

interface ConfirmProps {
  change: OperatorChange | null;
  onClose: () => void;
  onConfirm: (change: OperatorChange) => Promise<void>;
  /** After a 409: fetch the list again, so the next attempt starts from the current version. */
  onReload: () => void;
}

/** Says what the change does to the person before it is made; a refusal is shown in the API's words. */
export function ConfirmOperatorChange({ change, onClose, onConfirm, onReload }: ConfirmProps) {
  const [isSaving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function confirm() {
    if (!change) return;
    setSaving(true);
    setFailure(null);
    try {
      await onConfirm(change);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError("network", "The change did not reach M2M Console. Try again."));
    } finally {
      setSaving(false);
    }
  }

  function close() {
    if (isSaving) return;
    setFailure(null);
    onClose();
  }

  const isDisabling = change !== null && "isDisabled" in change.patch && change.patch.isDisabled;
  return (
    <Dialog
      open={change !== null}
      role="alertdialog"
      onClose={close}
      title={change?.summary ?? ""}
      description={change ? consequence(change) : undefined}
    >
      {failure ? (
        <Alert
          tone={failure.status === 409 ? "warning" : "danger"}
          title={failure.message}
          action={
            failure.status === 409 ? (
              <Button
                size="sm"
                onClick={() => {
                  onReload();
                  close();
                }}
              >
                Reload
              </Button>
            ) : null
          }
        >
          {failure.hint}
        </Alert>
      ) : null}
      <DialogActions>
        <Button onClick={close} disabled={isSaving} autoFocus>
          Cancel
        </Button>
        <Button variant={isDisabling ? "danger" : "primary"} isLoading={isSaving} onClick={() => void confirm()}>
          {isDisabling ? "Disable" : "Apply"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function consequence({ operator, patch }: OperatorChange): string {
  const signsInAs = operator.signInRole ? roleLabels[operator.signInRole].toLowerCase() : "no role";
  if ("isDisabled" in patch) {
    return patch.isDisabled
      ? `${operator.name} is signed out at once, everywhere, and cannot sign in again until an admin enables them.`
      : `${operator.name} can sign in again, as ${signsInAs}${operator.roleCap ? ` capped at ${operator.roleCap}` : ""}.`;
  }
  const result = patch.roleCap ? lowerRole(operator.signInRole, patch.roleCap) : operator.signInRole;
  const acts = result ? roleLabels[result].toLowerCase() : "no role";
  if (patch.roleCap) return `${operator.name} is signed out at once, everywhere; signing in again, they act as ${acts}.`;
  return `${operator.name} signs in as ${signsInAs}. From their next request they act as ${acts}.`;
}
