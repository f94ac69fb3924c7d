"use client";

import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { TabList, tabPanelProps } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-error";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import { DEFAULT_SCOPES } from "@/lib/schemas/credential";
import {
  CSV_COLUMNS,
  IMPORT_CSV_MAX_BYTES,
  parseZitadelSecretText,
  zitadelImportSchema,
  type ImportResult,
} from "@/lib/schemas/credential-import";
import { ImportResults } from "./import-results";

const TABS = [
  { id: "zitadel", label: "Paste from ZITADEL" },
  { id: "csv", label: "Upload CSV" },
] as const;

type TabId = (typeof TABS)[number]["id"];

export function ImportPanel() {
  const [tab, setTab] = useState<TabId>("zitadel");
  return (
    <div className="space-y-6">
      <TabList idPrefix="import" label="Import from" tabs={TABS} value={tab} onChange={setTab} />
      <div {...tabPanelProps("import", tab)} className="focus-visible:outline-none">
        {tab === "zitadel" ? <PasteImport /> : <CsvImport />}
      </div>
    </div>
  );
}

type PasteFields = { label: string; issuer: string; scopes: string; text: string };
const EMPTY_PASTE: PasteFields = { label: "", issuer: "", scopes: DEFAULT_SCOPES, text: "" };

function PasteImport() {
  const { importCredentials } = useCredentialMutations();
  const [values, setValues] = useState(EMPTY_PASTE);
  const [hasSubmitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [isSaving, setSaving] = useState(false);

  const parsed = zitadelImportSchema.safeParse({ format: "zitadel", ...values });
  const clientErrors: Record<string, string[]> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) (clientErrors[String(issue.path[0])] ??= []).push(issue.message);
  const errorFor = (field: keyof PasteFields) => serverErrors[field] ?? (hasSubmitted ? clientErrors[field] : undefined);
  const detected = values.text.trim() ? parseZitadelSecretText(values.text) : null;

  function change(field: keyof PasteFields, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setResult(null);
    setFailure(null);
    if (!parsed.success) return;
    setSaving(true);
    try {
      const outcome = await importCredentials({ format: "zitadel", ...values });
      setResult(outcome);
      // The pasted text holds the secret: it leaves client state once the API answered.
      if (outcome.created > 0) {
        setValues(EMPTY_PASTE);
        setSubmitted(false);
      }
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError("network", "The import did not reach M2M Console. Try again.");
      setServerErrors(apiError.fields ?? {});
      setFailure(apiError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-5">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        In ZITADEL, open the service user, choose <em>Actions → Generate Client Secret</em>, and copy the dialog&apos;s ClientId and ClientSecret (or the JSON
        the API answers). Paste them below.
      </p>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="paste-label" label="Label" error={errorFor("label")}>
          {(describedBy, isInvalid) => (
            <Input id="paste-label" value={values.label} onChange={(event) => change("label", event.target.value)} aria-describedby={describedBy} aria-invalid={isInvalid} autoComplete="off" />
          )}
        </Field>
        <Field id="paste-issuer" label="Issuer" error={errorFor("issuer")}>
          {(describedBy, isInvalid) => (
            <Input
              id="paste-issuer"
              type="url"
              value={values.issuer}
              placeholder="https://acme.zitadel.cloud"
              onChange={(event) => change("issuer", event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={isInvalid}
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      <Field id="paste-scopes" label="Scopes" error={errorFor("scopes")}>
        {(describedBy, isInvalid) => (
          <Input id="paste-scopes" value={values.scopes} onChange={(event) => change("scopes", event.target.value)} aria-describedby={describedBy} aria-invalid={isInvalid} className="font-mono" spellCheck={false} />
        )}
      </Field>
      <Field
        id="paste-text"
        label="ZITADEL's dialog text"
        error={errorFor("text")}
        hint={
          detected?.ok ? (
            <span className="text-emerald-700 dark:text-emerald-400">
              Found client ID <span className="font-mono">{detected.value.clientId}</span> and a {detected.value.clientSecret.length}-character secret.
            </span>
          ) : (
            "e.g. ClientId: my-service-user / ClientSecret: … — the secret is sent once and stored encrypted."
          )
        }
      >
        {(describedBy, isInvalid) => (
          <Textarea
            id="paste-text"
            rows={6}
            value={values.text}
            onChange={(event) => change("text", event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={isInvalid}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        )}
      </Field>
      {failure && !failure.fields ? <Alert tone="danger" title={failure.message}>{failure.hint}</Alert> : null}
      <div aria-live="polite">{result ? <ImportResults result={result} rowLabel="Entry" /> : null}</div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" isLoading={isSaving}>
          Import credential
        </Button>
      </div>
    </form>
  );
}

type CsvFile = { name: string; text: string; rows: number };

function CsvImport() {
  const { importCredentials } = useCredentialMutations();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<CsvFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [isSaving, setSaving] = useState(false);

  async function choose(selected: File | undefined) {
    setFile(null);
    setResult(null);
    setFailure(null);
    setFileError(null);
    if (!selected) return;
    if (selected.size > IMPORT_CSV_MAX_BYTES) {
      setFileError(`The file is ${Math.ceil(selected.size / 1024)} KiB; import at most ${IMPORT_CSV_MAX_BYTES / 1024} KiB at a time.`);
      return;
    }
    const text = await selected.text();
    const rows = text.split(/\r?\n/).filter((line) => line.trim()).length - 1;
    setFile({ name: selected.name, text, rows: Math.max(0, rows) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setFileError("Choose a CSV file.");
    setSaving(true);
    setFailure(null);
    try {
      setResult(await importCredentials({ format: "csv", text: file.text }));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError("network", "The import did not reach M2M Console. Try again.");
      setFailure(apiError);
    } finally {
      // The file holds secrets: drop it from client state whatever the outcome; the operator can choose it again.
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
      setSaving(false);
    }
  }

  const header = CSV_COLUMNS.join(",");
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-5">
      <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>One credential per line, with this header. Separate tags with semicolons; empty cells take the defaults (scopes, Basic authentication).</p>
        <div className="flex items-center gap-2 rounded-md bg-zinc-100 px-3 py-2 dark:bg-zinc-800">
          <code className="min-w-0 flex-1 overflow-x-auto font-mono text-xs whitespace-nowrap text-zinc-800 dark:text-zinc-200">{header}</code>
          <CopyButton value={header} label="Copy the CSV header" />
        </div>
      </div>
      <Field id="csv-file" label="CSV file" error={fileError} hint={file ? `${file.name}: ${file.rows} row${file.rows === 1 ? "" : "s"}` : `Up to ${IMPORT_CSV_MAX_BYTES / 1024} KiB.`}>
        {(describedBy, isInvalid) => (
          <input
            ref={inputRef}
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void choose(event.target.files?.[0])}
            aria-describedby={describedBy}
            aria-invalid={isInvalid}
            className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-200 dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-100 dark:hover:file:bg-zinc-700"
          />
        )}
      </Field>
      {failure ? (
        <Alert tone="danger" title={failure.message}>
          {failure.fields?.text?.[0] && failure.fields.text[0] !== failure.message ? failure.fields.text[0] : failure.hint}
        </Alert>
      ) : null}
      <div aria-live="polite">{result ? <ImportResults result={result} /> : null}</div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" isLoading={isSaving} disabled={!file}>
          {file ? `Import ${file.rows} credential${file.rows === 1 ? "" : "s"}` : "Import"}
        </Button>
      </div>
    </form>
  );
}
