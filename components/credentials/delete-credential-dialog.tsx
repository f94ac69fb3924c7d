"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api-error";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import type { CredentialDto } from "@/lib/schemas/credential";

interface DeleteCredentialDialogProps {
  credential: CredentialDto;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** Names what will be deleted and deletes only the version shown (409 if it changed meanwhile). */
export function DeleteCredentialDialog({ credential, open, onClose, onDeleted }: DeleteCredentialDialogProps) {
  const { remove } = useCredentialMutations();
  const [isDeleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function confirm() {
    setDeleting(true);
    setFailure(null);
    try {
      await remove(credential.id, credential.version);
      onDeleted();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError("network", "The credential could not be deleted. Try again."));
      setDeleting(false);
    }
  }

  function close() {
    if (isDeleting) return;
    setFailure(null);
    onClose();
  }

  return (
    <Dialog
      open={open}
      role="alertdialog"
      onClose={close}
      title={`Delete “${credential.label}”?`}
      description={
        <>
          M2M Console forgets <span className="font-mono text-zinc-900 dark:text-zinc-100">{credential.clientId}</span> at{" "}
          {new URL(credential.issuer).host}, its secret and its test history. The service user in ZITADEL is not changed. This cannot be
          undone.
        </>
      }
    >
      {failure ? (
        <Alert
          tone={failure.status === 409 ? "warning" : "danger"}
          title={failure.status === 409 ? "Someone else changed this credential. Reload to see their version." : failure.message}
        />
      ) : null}
      <DialogActions>
        <Button onClick={close} disabled={isDeleting} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" isLoading={isDeleting} onClick={() => void confirm()}>
          Delete credential
        </Button>
      </DialogActions>
    </Dialog>
  );
}
