"use client";

import { useState, type ChangeEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { Textarea } from "@/components/ui/textarea";
import { formatDateTime } from "@/components/ui/time-format";
import { useNow } from "@/components/ui/use-now";
import { previewKeyFile, type KeyFilePreview } from "./key-file";

// A key file, chosen from disk or pasted. Once the text reads as a key file, the field shows what the file says (key
// id, user, expiry) instead of the text: the private key is never on screen. The text stays in the form only until
// it is sent.

const MAX_KEY_FILE_BYTES = 20_000;

interface KeyFileFieldProps {
  value: string;
  onChange: (text: string) => void;
  error?: string;
  /** Which key the form wants: a service user's (register, replace) or an API application's (introspection). */
  wants: "serviceaccount" | "application";
}

export function KeyFileField({ value, onChange, error, wants }: KeyFileFieldProps) {
  const [readError, setReadError] = useState<string | null>(null);
  const preview = value.trim() ? previewKeyFile(value) : null;

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    setReadError(null);
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      setReadError("This file is too large for a key file (ZITADEL's are about 2 KB).");
      return;
    }
    onChange(await file.text());
  }

  if (preview?.ok) return <KeyFileSummary preview={preview} wants={wants} error={error} onClear={() => onChange("")} />;
  return (
    <div className="space-y-4">
      <Field
        label="Key file"
        error={readError}
        hint={
          wants === "serviceaccount"
            ? "The JSON file ZITADEL downloads under Service Users → the user → Keys → New (type JSON)."
            : "The JSON file ZITADEL downloads under Projects → the API app → Keys → New (type JSON)."
        }
      >
        <FileInput accept="application/json,.json" onChange={(event) => void pick(event)} />
      </Field>
      <Field
        label="Or paste the key file's JSON"
        isOptional
        error={error ?? (preview && !preview.ok ? preview.message : undefined)}
        hint="Once it reads as a key file, only its key id, user and expiry are shown."
      >
        <Textarea
          value={value}
          onChange={(event) => onChange(event.target.value)}
          rows={3}
          spellCheck={false}
          autoComplete="off"
          className="font-mono text-xs"
        />
      </Field>
    </div>
  );
}

type ReadKeyFile = Extract<KeyFilePreview, { ok: true }>;

function KeyFileSummary({ preview, wants, error, onClear }: { preview: ReadKeyFile; wants: string; error?: string; onClear: () => void }) {
  const now = useNow();
  const isExpired = preview.type === "serviceaccount" && preview.expiresAt !== null && now > 0 && Date.parse(preview.expiresAt) <= now;
  return (
    <div className="space-y-3 rounded-md border border-zinc-300 p-4 text-sm dark:border-zinc-700" data-testid="key-file-preview">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-medium">{preview.type === "serviceaccount" ? "Service user key" : "API application key"}</p>
        {isExpired ? <Badge tone="danger">Expired</Badge> : null}
        {preview.type !== wants ? <Badge tone="warning">Not the kind of key this form needs</Badge> : null}
      </div>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
        <dt className="text-zinc-500 dark:text-zinc-400">Key ID</dt>
        <dd className="font-mono break-all" data-testid="key-file-key-id">
          {preview.keyId}
        </dd>
        {preview.type === "serviceaccount" ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">User ID</dt>
            <dd className="font-mono break-all" data-testid="key-file-user-id">
              {preview.userId}
            </dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Expires</dt>
            <dd data-testid="key-file-expiry">{preview.expiresAt ? formatDateTime(preview.expiresAt) : "Not stated"}</dd>
          </>
        ) : (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">Client ID</dt>
            <dd className="font-mono break-all">{preview.clientId ?? "—"}</dd>
          </>
        )}
      </dl>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">The private key is not shown; it is sent once, when you save.</p>
      {error ? (
        <p className="text-sm text-red-600 dark:text-red-400" data-testid="key-file-error">
          {error}
        </p>
      ) : null}
      <Button size="sm" onClick={onClear}>
        Choose another key file
      </Button>
    </div>
  );
}
