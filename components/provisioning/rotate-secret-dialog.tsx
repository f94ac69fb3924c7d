"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAuthorities } from "@/lib/client/use-provisioning";
import { useCredentialAction } from "@/lib/client/use-provisioning-actions";
import type { CredentialDto } from "@/lib/schemas/credential";
import { ActionFailure } from "./action-failure";
import { useAuthorityChoice } from "./authority-choice";
import { AuthorityField } from "./authority-field";

// A new client secret made by ZITADEL itself and stored here at once: nobody copies it. The old one dies at once,
// so the operator confirms knowing that every other user of it stops working.

interface RotateSecretDialogProps {
  credential: CredentialDto;
  open: boolean;
  onClose: () => void;
}

export function RotateSecretDialog({ credential, open, onClose }: RotateSecretDialogProps) {
  const action = useCredentialAction(credential.id);
  // A refusal belongs to this attempt: opening the dialog again starts clean.
  const close = () => {
    if (action.isRunning) return;
    action.clearError();
    onClose();
  };
  return (
    <Dialog
      open={open}
      role="alertdialog"
      onClose={close}
      title="Rotate the secret in ZITADEL"
      description={
        <>
          ZITADEL generates a new secret for <span className="font-mono text-zinc-900 dark:text-zinc-100">{credential.clientId}</span> and
          M2M Console stores it. <strong>The old secret stops working at once</strong>: any other system that signs in with it fails until
          it gets the new one.
        </>
      }
    >
      <RotateForm credential={credential} action={action} onCancel={close} onDone={onClose} />
    </Dialog>
  );
}

interface RotateFormProps {
  credential: CredentialDto;
  action: ReturnType<typeof useCredentialAction>;
  onCancel: () => void;
  onDone: () => void;
}

function RotateForm({ credential, action, onCancel, onDone }: RotateFormProps) {
  const { authorities, error, retry } = useAuthorities(credential.issuer);
  const choice = useAuthorityChoice(authorities);

  async function rotate() {
    if (!choice.ref) return;
    const result = await action.run({ action: "rotate_secret", authority: choice.ref, confirm: true });
    if (result) onDone();
  }

  const failure = action.error;
  return (
    <div className="space-y-4">
      <AuthorityField authorities={authorities} error={error} onRetry={() => void retry()} value={choice.key} onChange={choice.setKey} />
      <p aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
        {action.isRunning ? "Rotating; waiting until ZITADEL accepts the new secret (this can take up to half a minute)…" : ""}
      </p>
      <ActionFailure error={failure} fallback="The secret could not be rotated. Try again." />
      <DialogActions>
        <Button onClick={onCancel} disabled={action.isRunning}>
          Cancel
        </Button>
        <Button variant="danger" isLoading={action.isRunning} disabled={!choice.ref} onClick={() => void rotate()}>
          Rotate secret
        </Button>
      </DialogActions>
    </div>
  );
}
