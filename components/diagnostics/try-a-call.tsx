"use client";

import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useApiCall } from "@/lib/client/use-api-call";
import { useMe } from "@/lib/client/use-me";
import { API_CALL_PRESETS, apiCallMethods, apiCallRequestSchema, isReadCall, type ApiCallMethod } from "@/lib/schemas/api-call";
import { DiagnosisCard } from "./diagnosis-card";
import { Disclosure } from "./disclosure";
import { CodeBlock } from "./exchange-body";

// Any call of ZITADEL's APIs with this credential's token, as Postman or curl would send it, on the credential's own
// issuer: the answer shown, a refusal diagnosed, the same call as curl. Reads for operators; changes for admins.

export function TryACall({ credentialId }: { credentialId: string }) {
  const [hasOpened, setOpened] = useState(false);
  return (
    <Disclosure
      title="Try a call"
      description="Any request to ZITADEL's APIs at this credential's issuer, sent with its token"
      testId="try-a-call"
      onOpen={() => setOpened(true)}
    >
      {/* The form mounts when first opened, in a hydrated page: what is typed into it is never reset by hydration. */}
      {hasOpened ? <CallForm credentialId={credentialId} /> : null}
    </Disclosure>
  );
}

function CallForm({ credentialId }: { credentialId: string }) {
  const call = useApiCall(credentialId);
  const { can } = useMe();
  const first = API_CALL_PRESETS[0];
  const [method, setMethod] = useState<ApiCallMethod>(first?.method ?? "GET");
  const [path, setPath] = useState(first?.path ?? "/auth/v1/users/me");
  const [body, setBody] = useState(first?.body ?? "");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const sendsBody = method === "POST" || method === "PUT";
  const needsAdmin = !isReadCall(method, path) && !can("admin");

  function pick(label: string) {
    const preset = API_CALL_PRESETS.find((candidate) => candidate.label === label);
    if (!preset) return;
    setMethod(preset.method);
    setPath(preset.path);
    setBody(preset.body ?? "");
    setProblems({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = apiCallRequestSchema.safeParse({ method, path, ...(sendsBody ? { body } : {}) });
    if (!parsed.success) {
      // The first problem of each field: the rules run in order, from the most basic.
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? "path")] ??= issue.message;
      setProblems(found);
      return;
    }
    setProblems({});
    await call.send(parsed.data);
  }

  const { result } = call;
  return (
    <div className="space-y-5 border-t border-zinc-100 p-5 dark:border-zinc-800">
      <form noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
        <Field label="Start from" hint="Calls that only read; edit the method and path for any other.">
          <Select defaultValue="" onChange={(event) => pick(event.target.value)}>
            <option value="" disabled>
              Choose a call…
            </option>
            {API_CALL_PRESETS.map((preset) => (
              <option key={preset.label} value={preset.label}>
                {preset.label}: {preset.method} {preset.path}
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
          <Field label="Method">
            <Select value={method} onChange={(event) => setMethod(event.target.value as ApiCallMethod)}>
              {apiCallMethods.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </Select>
          </Field>
          <Field label="Path" error={problems.path} hint="Relative to the issuer: /management/v1/…, /auth/v1/…, /admin/v1/…, /v2/…">
            <Input value={path} onChange={(event) => setPath(event.target.value)} className="font-mono" spellCheck={false} />
          </Field>
        </div>
        {sendsBody ? (
          <Field label="Body (JSON)" error={problems.body} isOptional>
            <Textarea
              value={body}
              onChange={(event) => setBody(event.target.value)}
              rows={4}
              className="font-mono text-xs"
              spellCheck={false}
            />
          </Field>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="submit"
            variant="primary"
            isLoading={call.isSending}
            disabledReason={needsAdmin ? "A call that can change ZITADEL needs the admin role" : undefined}
          >
            Send
          </Button>
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            {needsAdmin
              ? "Operators may send GET and POST …/_search calls, which only read; this one can change ZITADEL, so it needs an admin."
              : "Rate-limited like a token test and recorded in the audit log (method and path, never the answer)."}
          </span>
        </div>
      </form>
      {call.error ? <ErrorState error={call.error} title="The call could not be sent" /> : null}
      {result ? (
        <div className="space-y-4" data-testid="call-result" aria-live="polite">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={result.status !== null && result.status < 300 ? "success" : "danger"} className="font-mono">
              {result.status === null ? "No answer" : `HTTP ${result.status}`}
            </Badge>
            <span className="font-mono break-all">
              {result.method} {result.url}
            </span>
            {result.latencyMs !== null ? <span className="text-zinc-500 dark:text-zinc-400">{result.latencyMs} ms</span> : null}
            <span className="text-zinc-500 dark:text-zinc-400">
              {result.tokenCached ? "with the token the console holds" : "with a new token"}
            </span>
          </p>
          {result.diagnosis ? <DiagnosisCard diagnosis={result.diagnosis} testId="call-diagnosis" /> : null}
          {result.body !== null ? (
            <CodeBlock title={result.truncated ? "Answer (the first 64 KB)" : "Answer"} copyLabel="Copy the answer" text={result.body} />
          ) : null}
          <CodeBlock title="curl" copyLabel="Copy the curl command" text={result.curl} />
        </div>
      ) : null}
    </div>
  );
}
