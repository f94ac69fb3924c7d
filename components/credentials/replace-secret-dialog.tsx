"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import type { z } from "@/lib/zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { PasswordInput } from "@/components/ui/password-input";
import { useApiForm } from "@/lib/client/use-api-form";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import { replaceSecretSchema, type CredentialDto } from "@/lib/schemas/credential";

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
          Paste the new secret for <span className="font-mono text-zinc-900 dark:text-zinc-100">{credential.clientId}</span>. In ZITADEL,
          open the service user and choose <em>Actions → Generate Client Secret</em>; the old secret stops working there at once.
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

// The replace handler's own schema, on the one field the operator types (the version comes from the credential).
const secretSchema = replaceSecretSchema.pick({ clientSecret: true });

function ReplaceSecretForm({ credential, onSaving, onCancel, onReplaced }: FormProps) {
  const { replaceSecret } = useCredentialMutations();
  const form = useApiForm<z.input<typeof secretSchema>>({
    defaultValues: { clientSecret: "" },
    resolver: zodResolver(secretSchema, undefined, { raw: true }),
    fallback: { message: "The secret could not be replaced. Try again." },
  });
  const { failure, isSaving } = form;

  const submit = form.submitWith(async ({ clientSecret }) => {
    onSaving(true);
    try {
      const updated = await replaceSecret(credential.id, { clientSecret, version: credential.version });
      form.reset();
      onReplaced(updated);
    } finally {
      onSaving(false);
    }
  });

  const isConflict = failure?.status === 409;
  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      <Field label="New client secret" error={form.errorFor("clientSecret")}>
        <PasswordInput {...form.register("clientSecret")} autoFocus />
      </Field>
      {/* Any refusal the secret field does not show itself (409, 5xx, a field error on `version`) is said here. */}
      {failure && !failure.fields?.clientSecret ? (
        <Alert
          tone={isConflict ? "warning" : "danger"}
          title={isConflict ? "Someone else changed this credential. Reload to see their version." : failure.message}
        />
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
