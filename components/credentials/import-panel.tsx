"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { Input } from "@/components/ui/input";
import { TabList, tabPanelProps } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import type { ConflictTarget } from "@/lib/api-error";
import { useApiForm } from "@/lib/client/use-api-form";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import { DEFAULT_SCOPES } from "@/lib/schemas/credential";
import {
  CSV_COLUMNS,
  IMPORT_CSV_MAX_BYTES,
  incompletePair,
  parseZitadelSecretText,
  pastedImportFormat,
  zitadelImportSchema,
  type ImportFormat,
  type ImportResult,
  type PastedPair,
} from "@/lib/schemas/credential-import";
import { z } from "@/lib/zod";
import { ImportResults } from "./import-results";
import { IssuerOptions } from "./issuer-options";
import { ReplaceSecretOffer } from "./replace-secret-offer";
import { usePrefilledIssuer } from "./use-prefilled-issuer";

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

// The import handler's own schema, on the fields this form has (the rest take their defaults there). Pasted CSV or
// JSON export text carries its own issuer, label and scopes per row, and is read by the same reader a file is.
const pasteSchema = zitadelImportSchema.pick({ label: true, issuer: true, scopes: true, text: true });
const pasteFormSchema = z
  .object({ label: z.string(), issuer: z.string(), scopes: z.string(), text: z.string() })
  .superRefine((values, ctx) => {
    if (pastedImportFormat(values.text) !== "zitadel") return;
    const parsed = pasteSchema.safeParse(values);
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
type PasteFields = z.input<typeof pasteFormSchema>;
const EMPTY_PASTE: PasteFields = { label: "", issuer: "", scopes: DEFAULT_SCOPES, text: "" };
const ROW_LABELS = { zitadel: "Entry", csv: "Line", json: "Item" } as const;

function PasteImport() {
  const { importCredentials } = useCredentialMutations();
  const [result, setResult] = useState<{ outcome: ImportResult; format: ImportFormat } | null>(null);
  const form = useApiForm<PasteFields>({
    defaultValues: EMPTY_PASTE,
    resolver: zodResolver(pasteFormSchema, undefined, { raw: true }),
    fallback: { message: "The import did not reach M2M Console. Try again." },
  });
  const { register, errorFor, failure, isSaving } = form;
  usePrefilledIssuer(
    () => form.getValues("issuer"),
    (issuer) => form.setValue("issuer", issuer),
  );
  const text = useWatch({ control: form.control, name: "text" });
  const format = pastedImportFormat(text);
  const detected = text.trim() && format === "zitadel" ? parseZitadelSecretText(text) : null;
  const pairs = detected?.ok ? detected.pairs : [];
  // A client ID already registered: the offer to put the pasted secret into that credential instead.
  const [offer, setOffer] = useState<{ conflict: ConflictTarget; clientSecret: string } | null>(null);
  // After an import the form empties, but keeps the issuer: the next paste is most likely for the same ZITADEL.
  const emptyKeepingIssuer = () => form.reset({ ...EMPTY_PASTE, issuer: form.getValues("issuer") });

  const submit = form.submitWith(async (values) => {
    const sent = pastedImportFormat(values.text);
    const outcome = await importCredentials(sent === "zitadel" ? { format: sent, ...values } : { format: sent, text: values.text });
    setResult({ outcome, format: sent });
    const refused = outcome.failed.find((item) => item.conflict);
    const pasted = sent === "zitadel" ? parseZitadelSecretText(values.text) : null;
    const clientSecret = refused && pasted?.ok ? pasted.pairs[refused.row - 1]?.clientSecret : undefined;
    setOffer(refused?.conflict && clientSecret ? { conflict: refused.conflict, clientSecret } : null);
    // The pasted text holds the secrets: it leaves client state once the API answered.
    if (outcome.created > 0) emptyKeepingIssuer();
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        setResult(null);
        setOffer(null);
        submit(event);
      }}
      className="space-y-5"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        In ZITADEL, open the service user, choose <em>Actions → Generate Client Secret</em>, and copy the dialog&apos;s ClientId and
        ClientSecret (or the JSON the API answers). Paste them below: several dialogs one below the other, or CSV text with the header of a
        CSV file, import together.
      </p>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Label"
          isOptional
          error={errorFor("label")}
          hint={pairs.length > 1 ? "Left empty, each client ID." : "Left empty, the client ID."}
        >
          <Input {...register("label")} autoComplete="off" placeholder={pairs.length === 1 ? pairs[0]?.clientId : undefined} />
        </Field>
        <Field label="Issuer" error={errorFor("issuer")}>
          <Input {...register("issuer")} type="url" placeholder="https://acme.zitadel.cloud" autoComplete="off" list="paste-issuers" />
        </Field>
        <IssuerOptions id="paste-issuers" />
      </div>
      <Field label="Scopes" error={errorFor("scopes")}>
        <Input {...register("scopes")} className="font-mono" spellCheck={false} />
      </Field>
      <Field label="ZITADEL's dialog text" error={errorFor("text")} hint={<PasteHint text={text} format={format} pairs={pairs} />}>
        <Textarea {...register("text")} rows={6} autoComplete="off" spellCheck={false} className="font-mono" />
      </Field>
      {failure && !failure.fields ? (
        <Alert tone="danger" title={failure.message}>
          {failure.hint}
        </Alert>
      ) : null}
      <div aria-live="polite" className="space-y-4">
        {result ? <ImportResults result={result.outcome} rowLabel={ROW_LABELS[result.format]} /> : null}
        {offer ? (
          <ReplaceSecretOffer
            key={offer.conflict.credentialId}
            conflict={offer.conflict}
            clientSecret={offer.clientSecret}
            // The pasted secret is stored now: it leaves client state, as after an import.
            onReplaced={() => {
              emptyKeepingIssuer();
              setResult(null);
              setOffer((current) => (current ? { ...current, clientSecret: "" } : null));
            }}
          />
        ) : null}
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" isLoading={isSaving}>
          {pairs.length > 1 ? `Import ${pairs.length} credentials` : format === "zitadel" ? "Import credential" : "Import credentials"}
        </Button>
      </div>
    </form>
  );
}

/** What the pasted text was read as, before it is sent: the pairs found, or the CSV's or export's rows. */
function PasteHint({ text, format, pairs }: { text: string; format: ImportFormat; pairs: PastedPair[] }) {
  if (format !== "zitadel") {
    const rows = countRows(text, format);
    return `${format === "csv" ? "CSV text" : "A JSON export"}: ${rows} row${rows === 1 ? "" : "s"}. Each row names its own label, issuer and scopes; the fields above are not used.`;
  }
  const [only] = pairs;
  if (pairs.length === 1 && only?.clientId && only.clientSecret) {
    return (
      <span className="text-emerald-700 dark:text-emerald-400">
        Found client ID <span className="font-mono">{only.clientId}</span> and a {only.clientSecret.length}-character secret.
      </span>
    );
  }
  if (pairs.length > 1) {
    const incomplete = pairs.filter((pair) => incompletePair(pair)).length;
    return (
      <span className="text-emerald-700 dark:text-emerald-400">
        Found {pairs.length} pairs: <span className="font-mono">{pairs.map((pair) => pair.clientId ?? "(no ClientId)").join(", ")}</span>
        {incomplete > 0 ? `; ${incomplete} incomplete, reported when imported` : ""}.
      </span>
    );
  }
  return "e.g. ClientId: my-service-user / ClientSecret: … — the secret is sent once and stored encrypted.";
}

type CsvFile = { name: string; text: string; rows: number; format: Exclude<ImportFormat, "zitadel"> };

// Our own JSON export imports too (with a clientSecret added to each item); its rows are its items.
function countRows(text: string, format: CsvFile["format"]): number {
  if (format === "csv") return Math.max(0, text.split(/\r?\n/).filter((line) => line.trim()).length - 1);
  try {
    const data: unknown = JSON.parse(text);
    const items: unknown = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? items.length : 0;
  } catch {
    return 0;
  }
}

function CsvImport() {
  const { importCredentials } = useCredentialMutations();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<CsvFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  // No fields to validate: the file is checked when chosen, its rows by the API.
  const form = useApiForm({ fallback: { message: "The import did not reach M2M Console. Try again." } });
  const { failure, isSaving } = form;

  async function choose(selected: File | undefined) {
    setFile(null);
    setResult(null);
    form.clearFailure();
    setFileError(null);
    if (!selected) return;
    if (selected.size > IMPORT_CSV_MAX_BYTES) {
      setFileError(`The file is ${Math.ceil(selected.size / 1024)} KiB; import at most ${IMPORT_CSV_MAX_BYTES / 1024} KiB at a time.`);
      return;
    }
    const text = await selected.text();
    const format = /\.json$/i.test(selected.name) ? "json" : "csv";
    setFile({ name: selected.name, text, rows: countRows(text, format), format });
  }

  const submit = form.submitWith(async () => {
    if (!file) return setFileError("Choose a CSV file.");
    try {
      setResult(await importCredentials({ format: file.format, text: file.text }));
    } finally {
      // The file holds secrets: drop it from client state whatever the outcome; the operator can choose it again.
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
    }
  });

  const header = CSV_COLUMNS.join(",");
  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>
          One credential per line, with this header. Separate tags with semicolons; empty cells take the defaults (scopes, Basic
          authentication).
        </p>
        <div className="flex items-center gap-2 rounded-md bg-zinc-100 px-3 py-2 dark:bg-zinc-800">
          <code className="min-w-0 flex-1 overflow-x-auto font-mono text-xs whitespace-nowrap text-zinc-800 dark:text-zinc-200">
            {header}
          </code>
          <CopyButton value={header} label="Copy the CSV header" />
        </div>
      </div>
      <Field
        label="CSV file"
        error={fileError}
        hint={file ? `${file.name}: ${file.rows} row${file.rows === 1 ? "" : "s"}` : `Up to ${IMPORT_CSV_MAX_BYTES / 1024} KiB.`}
      >
        <FileInput
          ref={inputRef}
          accept=".csv,text/csv,.json,application/json"
          onChange={(event) => void choose(event.target.files?.[0])}
        />
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
