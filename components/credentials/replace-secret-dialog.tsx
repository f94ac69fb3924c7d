"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { PasswordInput } from "@/components/ui/password-input";
import { ApiError } from "@/lib/api-error";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import { clientSecretSchema, type CredentialDto } from "@/lib/schemas/credential";

interface ReplaceSecretDialogProps {
  credential: CredentialDto;
  open: boolean;
  onClose: () => void;
  onReplaced: (credential: CredentialDto) => void;
}

/** Write-only: the new secret goes to the API and the field is unmounted with the dialog; only the hint comes back. */
export function ReplaceSecretDialog({ credential, open, onClose, onReplaced }: ReplaceSecretDialogProps) {
  const [isSaving, setSaving] = useState(false);
  return (
    <Dialog
      open={open}
      onClose={() => !isSaving && onClose()}
      title="Replace secret"
      description={
        <>
          Paste the new secret for <span className="font-mono text-zinc-900 dark:text-zinc-100">{credential.clientId}</span>. In ZITADEL, open the service user and
          choose <em>Actions → Generate Client Secret</em>; the old secret stops working there at once.
        </>
      }
    >
      <ReplaceSecretForm credential={credential} onSaving={setSaving} onCancel={onClose} onReplaced={onReplaced} />
    </Dialog>
  );
}

interface FormProps {
  credential: CredentialDto;
  onSaving: (isSaving: boolean) => void;
  onCancel: () => void;
  onReplaced: (credential: CredentialDto) => void;
}

function ReplaceSecretForm({ credential, onSaving, onCancel, onReplaced }: FormProps) {
  const { replaceSecret } = useCredentialMutations();
  const [secret, setSecret] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = clientSecretSchema.safeParse(secret);
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message ?? "Enter the new secret.");
    setSaving(true);
    onSaving(true);
    setFailure(null);
    try {
      const updated = await replaceSecret(credential.id, { clientSecret: secret, version: credential.version });
      setSecret("");
      onReplaced(updated);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError("network", "The secret could not be replaced. Try again.");
      setFieldError(apiError.fields?.clientSecret?.[0] ?? null);
      setFailure(apiError);
    } finally {
      setSaving(false);
      onSaving(false);
    }
  }

  const isConflict = failure?.status === 409;
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
      <Field id="replace-secret" label="New client secret" error={fieldError}>
        {(describedBy, isInvalid) => (
          <PasswordInput
            id="replace-secret"
            value={secret}
            autoFocus
            onChange={(event) => {
              setSecret(event.target.value);
              setFieldError(null);
            }}
            aria-describedby={describedBy}
            aria-invalid={isInvalid}
          />
        )}
      </Field>
      {/* Any refusal the secret field does not show itself (409, 5xx, a field error on `version`) is said here. */}
      {failure && !failure.fields?.clientSecret ? (
        <Alert tone={isConflict ? "warning" : "danger"} title={isConflict ? "Someone else changed this credential. Reload to see their version." : failure.message} />
      ) : null}
      <DialogActions>
        <Button onClick={onCancel} disabled={isSaving}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" isLoading={isSaving}>
          Replace secret
        </Button>
      </DialogActions>
    </form>
  );
}
