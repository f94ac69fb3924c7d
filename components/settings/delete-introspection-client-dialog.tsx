"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api-error";
import type { IntrospectionClient } from "@/lib/schemas/introspection";

interface DeleteIntrospectionClientDialogProps {
  client: IntrospectionClient | null;
  onClose: () => void;
  onConfirm: (client: IntrospectionClient) => Promise<void>;
  onReload: () => void;
}

/** Names the issuer that loses introspection and deletes only the version shown (409 if it changed meanwhile). */
export function DeleteIntrospectionClientDialog({ client, onClose, onConfirm, onReload }: DeleteIntrospectionClientDialogProps) {
  const [isDeleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function confirm() {
    if (!client) return;
    setDeleting(true);
    setFailure(null);
    try {
      await onConfirm(client);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError("network", "The introspection client could not be deleted. Try again."));
    } finally {
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
      open={client !== null}
      role="alertdialog"
      onClose={close}
      title="Delete this introspection client?"
      description={
        client ? (
          <>
            M2M Console forgets <span className="font-mono text-zinc-900 dark:text-zinc-100">{client.clientId}</span> and its{" "}
            {client.method === "client_secret" ? "secret" : "key"}; credentials of {new URL(client.issuer).host} can no longer be
            introspected until an admin adds another. The application in ZITADEL is not changed.
          </>
        ) : null
      }
    >
      {failure ? (
        <Alert
          tone={failure.status === 409 ? "warning" : "danger"}
          title={failure.status === 409 ? "Someone else changed it meanwhile. Reload to see the current list." : failure.message}
          action={
            failure.status === 409 ? (
              <Button
                size="sm"
                onClick={() => {
                  setFailure(null);
                  onReload();
                  onClose();
                }}
              >
                Reload
              </Button>
            ) : null
          }
        />
      ) : null}
      <DialogActions>
        <Button onClick={close} disabled={isDeleting} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" isLoading={isDeleting} onClick={() => void confirm()}>
          Delete introspection client
        </Button>
      </DialogActions>
    </Dialog>
  );
}
