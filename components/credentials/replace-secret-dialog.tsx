"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { PasswordInput } from "@/components/ui/password-input";
import { useApiForm } from "@/lib/client/use-api-form";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import { clientSecretSchema, type CredentialDto, type CredentialKind } from "@/lib/schemas/credential";
import { z } from "@/lib/zod";
import { MATERIAL } from "./credential-kind";
import { KeyFileField } from "./key-file-field";

interface ReplaceSecretDialogProps {
  credential: CredentialDto;
  open: boolean;
  onClose: () => void;
  onReplaced: (credential: CredentialDto) => void;
}

/**
 * Write-only: the new secret, key file or token (whichever the credential's kind uses) goes to the API and the field
 * is unmounted with the dialog; only a hint, or the new key's id and expiry, comes back.
 */
export function ReplaceSecretDialog({ credential, open, onClose, onReplaced }: ReplaceSecretDialogProps) {
  const [isSaving, setSaving] = useState(false);
  return (
    <Dialog open={open} onClose={() => !isSaving && onClose()} title={MATERIAL[credential.kind].title} description={describe(credential)}>
      <ReplaceSecretForm credential={credential} onSaving={setSaving} onCancel={onClose} onReplaced={onReplaced} />
    </Dialog>
  );
}

function describe(credential: CredentialDto): ReactNode {
  const name = <span className="font-mono text-zinc-900 dark:text-zinc-100">{credential.clientId}</span>;
  if (credential.kind === "jwt_profile") {
    return (
      <>
        Choose a new key file of user {name}. In ZITADEL, open the service user, then <em>Keys → New</em> (type JSON); delete the old key
        there when nothing uses it any more.
      </>
    );
  }
  if (credential.kind === "pat") {
    return (
      <>
        Paste the new personal access token. In ZITADEL, open the service user, then <em>Personal Access Tokens → New</em>; the old token
        works until you delete it there.
      </>
    );
  }
  return (
    <>
      Paste the new secret for {name}. In ZITADEL, open the service user and choose <em>Actions → Generate Client Secret</em>; the old
      secret stops working there at once.
    </>
  );
}

interface FormProps {
  credential: CredentialDto;
  onSaving: (isSaving: boolean) => void;
  onCancel: () => void;
  onReplaced: (credential: CredentialDto) => void;
}

const EMPTY = { clientSecret: "", keyFile: "", token: "" };
type Values = typeof EMPTY;

// Each kind checks only its own field: the secret with the API's own schema, the key file and token on the server.
const anyText = z.string();
const SCHEMAS: Record<CredentialKind, z.ZodType<Values, Values>> = {
  client_secret: z.object({ clientSecret: clientSecretSchema, keyFile: anyText, token: anyText }),
  jwt_profile: z.object({
    clientSecret: anyText,
    keyFile: z.string().trim().min(1, "Choose the new key file, or paste its JSON."),
    token: anyText,
  }),
  pat: z.object({ clientSecret: anyText, keyFile: anyText, token: z.string().trim().min(1, "Paste the new personal access token.") }),
};

function ReplaceSecretForm({ credential, onSaving, onCancel, onReplaced }: FormProps) {
  const { replaceSecret } = useCredentialMutations();
  const kind = credential.kind;
  const form = useApiForm<Values>({
    defaultValues: EMPTY,
    resolver: zodResolver(SCHEMAS[kind], undefined, { raw: true }),
    fallback: { message: `The ${MATERIAL[kind].noun} could not be replaced. Try again.` },
  });
  const { failure, isSaving } = form;
  const keyFile = useWatch({ control: form.control, name: "keyFile" });

  const submit = form.submitWith(async (values) => {
    onSaving(true);
    try {
      const material =
        kind === "jwt_profile"
          ? { keyFile: values.keyFile }
          : kind === "pat"
            ? { token: values.token }
            : { clientSecret: values.clientSecret };
      const updated = await replaceSecret(credential.id, { ...material, version: credential.version });
      form.reset(EMPTY);
      onReplaced(updated);
    } finally {
      onSaving(false);
    }
  });

  const field = kind === "jwt_profile" ? "keyFile" : kind === "pat" ? "token" : "clientSecret";
  const isConflict = failure?.status === 409;
  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      {kind === "client_secret" ? (
        <Field label="New client secret" error={form.errorFor("clientSecret")}>
          <PasswordInput {...form.register("clientSecret")} autoFocus />
        </Field>
      ) : null}
      {kind === "pat" ? (
        <Field label="New personal access token" error={form.errorFor("token")}>
          <PasswordInput {...form.register("token")} autoFocus />
        </Field>
      ) : null}
      {kind === "jwt_profile" ? (
        <KeyFileField
          wants="serviceaccount"
          value={keyFile}
          error={form.errorFor("keyFile")}
          onChange={(text) => {
            form.clearErrors("keyFile");
            form.setValue("keyFile", text, { shouldValidate: form.formState.isSubmitted });
          }}
        />
      ) : null}
      {/* Any refusal the field does not show itself (409, 5xx, a field error on `version`) is said here. */}
      {failure && !failure.fields?.[field] ? (
        <Alert
          tone={isConflict ? "warning" : "danger"}
          title={isConflict ? "Someone else changed this credential. Reload to see their version." : failure.message}
        >
          {isConflict ? null : failure.hint}
        </Alert>
      ) : null}
      <DialogActions>
        <Button onClick={onCancel} disabled={isSaving}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" isLoading={isSaving}>
          {MATERIAL[kind].title}
        </Button>
      </DialogActions>
    </form>
  );
}
