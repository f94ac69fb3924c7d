"use client";

import { useState } from "react";
import { FixItForMe } from "@/components/provisioning/lazy-fix-it";
import { Badge } from "@/components/ui/badge";
import { BadgeList } from "@/components/ui/badge-list";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime } from "@/components/ui/time-format";
import type { useTokenTest } from "@/lib/client/use-token-test";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { HeldToken, PatMetadata, TokenMetadata, TokenTestResult } from "@/lib/schemas/diagnostics";
import { BusyButton } from "./busy-button";
import { ExpiryCountdown } from "./countdown";
import { DiagnosisCard } from "./diagnosis-card";
import { formatLatency } from "./format";
import { IntrospectionSection } from "./introspection-section";
import { Panel } from "./panel";
import { IdTokenDetails, JwtDetails, ZitadelClaims } from "./token-details";
import { TokenFacts } from "./token-facts";
import { TokenReveal } from "./token-reveal";

// The token test asks ZITADEL now, every time; until one has run, the panel shows the token the console already holds
// (the one the org lookup uses), with where it came from.

type TokenTest = ReturnType<typeof useTokenTest>;
type Kind = CredentialDto["kind"];

const HOW: Record<Kind, { description: string; note: string }> = {
  client_secret: {
    description: "client_credentials at the issuer's token endpoint",
    note: "Test token always asks ZITADEL for a new token. The organization lookup uses the token shown here until it expires.",
  },
  jwt_profile: {
    description: "JWT bearer grant: an assertion signed with the key file",
    note: "Test token signs a new assertion with the key and asks ZITADEL for a new token. The organization lookup uses the token shown here until it expires.",
  },
  pat: {
    description: "A personal access token: no exchange",
    note: "A personal access token is the token itself: there is no exchange. Test token reads what the token shows of itself; the organization lookup sends it to ZITADEL as it is, which is the live check.",
  },
};

interface TokenPanelProps {
  credentialId: string;
  /** How the credential signs in; the page knows once the credential has loaded. */
  kind: Kind;
  test: TokenTest;
  heldToken: HeldToken | null;
  onNewToken?: () => void;
  /** "Needs the operator role" when this operator may not run tests; the button then says so and does nothing. */
  operatorOnly: string | null;
  adminOnly: string | null;
}

export function TokenPanel({ credentialId, kind, test, heldToken, onNewToken, operatorOnly, adminOnly }: TokenPanelProps) {
  const [scopes, setScopes] = useState("");
  const { result, error, isRunning } = test;

  async function run() {
    await test.run({ scopes: scopes.trim() || undefined });
    onNewToken?.();
  }

  return (
    <Panel
      title="Access token"
      description={HOW[kind].description}
      isBusy={isRunning}
      testId="token-panel"
      actions={
        <BusyButton variant="primary" onClick={() => void run()} isBusy={isRunning} disabledReason={operatorOnly}>
          Test token
        </BusyButton>
      }
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="token-how">
        {HOW[kind].note}
        {operatorOnly && (result || heldToken) ? (
          <span className="mt-1 block text-xs" data-testid="role-note">
            {operatorOnly} to test the token.
          </span>
        ) : null}
      </p>
      {operatorOnly || kind === "pat" ? null : <ScopeOverride value={scopes} onChange={setScopes} />}
      <p aria-live="polite" className="sr-only">
        {isRunning ? "Testing the credential…" : result ? statusText(result) : ""}
      </p>
      {error && !isRunning ? (
        <ErrorState error={error} title="The token test could not run" onRetry={operatorOnly ? undefined : () => void run()} />
      ) : null}
      {!result && !error && heldToken ? <HeldTokenResult held={heldToken} credentialId={credentialId} adminOnly={adminOnly} /> : null}
      {!result && !error && !heldToken ? <EmptyToken isRunning={isRunning} operatorOnly={operatorOnly} /> : null}
      {result?.outcome === "failed" && result.diagnosis ? (
        <DiagnosisCard
          diagnosis={result.diagnosis}
          onRetry={() => void run()}
          isRetrying={isRunning}
          testId="token-diagnosis"
          fix={<FixItForMe credentialId={credentialId} code={result.diagnosis.code} />}
        />
      ) : null}
      {result?.outcome === "ok" && result.pat ? <PatResult result={result} pat={result.pat} /> : null}
      {result?.outcome === "ok" && result.token ? <TokenResult result={result} credentialId={credentialId} adminOnly={adminOnly} /> : null}
      {kind === "pat" || shownToken(result, error, heldToken)?.kind === "opaque" ? (
        <IntrospectionSection
          credentialId={credentialId}
          operatorOnly={operatorOnly}
          adminOnly={adminOnly}
          what={kind === "pat" ? "pat" : "token"}
        />
      ) : null}
    </Panel>
  );
}

/** Scopes for this test only; empty means the credential's own scopes. */
function ScopeOverride({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <details className="text-sm" open={value.trim() !== "" || undefined}>
      <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        Other scopes for this test
      </summary>
      <label htmlFor="scope-override" className="mt-2 block text-zinc-700 dark:text-zinc-300">
        Scopes (space-separated)
      </label>
      <Input
        id="scope-override"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="openid urn:zitadel:iam:org:project:id:zitadel:aud"
        className="mt-1 font-mono"
        spellCheck={false}
        autoComplete="off"
      />
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Leave empty to use the credential&apos;s scopes. The credential itself does not change.
      </p>
    </details>
  );
}

/** The token the panel shows: this page's test result, else the one the console holds. */
function shownToken(result: TokenTestResult | undefined, error: unknown, held: HeldToken | null): TokenMetadata | undefined {
  if (result || error) return result?.outcome === "ok" ? result.token : undefined;
  return held?.token;
}

function statusText(result: TokenTestResult): string {
  if (result.outcome === "failed") return `Token test failed: ${result.diagnosis?.title ?? "unknown error"}.`;
  if (result.source === "pat" && result.pat) return patChecked(result.pat);
  return "Token test passed with a new token.";
}

function EmptyToken({ isRunning, operatorOnly }: { isRunning: boolean; operatorOnly: string | null }) {
  const idle = operatorOnly
    ? `${operatorOnly} to test the token. An operator or admin can run it; the test history below shows their results.`
    : "Test the token to see its type, expiry, audience and claims. The token itself stays on the server.";
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
      {isRunning ? "Asking ZITADEL for a token…" : idle}
    </div>
  );
}

const OBTAINED_BY: Record<HeldToken["obtainedBy"], string> = {
  org_lookup: "by the organization lookup",
  api_call: "by Try a call",
  token_test: "by a token test",
};

/** The token the console holds, before anyone tested in this page: where it came from, then what it says. */
function HeldTokenResult({ held, credentialId, adminOnly }: { held: HeldToken; credentialId: string; adminOnly: string | null }) {
  return (
    <div className="space-y-6" data-testid="held-token">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone="neutral">Token held</Badge>
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="token-source">
          obtained {OBTAINED_BY[held.obtainedBy]} <RelativeTime value={held.obtainedAt} />
        </span>
      </div>
      <TokenBody token={held.token} credentialId={credentialId} adminOnly={adminOnly} />
    </div>
  );
}

/** A PAT is not exchanged: what the console can tell of it without asking ZITADEL. Never revealable: it is the credential. */
function PatResult({ result, pat }: { result: TokenTestResult; pat: PatMetadata }) {
  return (
    <div className="space-y-6" data-testid="token-result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone="neutral">Personal access token</Badge>
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="token-source">
          read <RelativeTime value={result.obtainedAt} />, no exchange
        </span>
      </div>
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="pat-checked">
        {patChecked(pat)}
      </p>
      <FactList>
        <Fact term="Kind">
          <span className="font-medium" data-testid="token-kind">
            {pat.kind === "jwt" ? "JWT" : pat.kind === "encrypted" ? "Encrypted (JWE)" : "Opaque"}
          </span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            {pat.kind === "jwt"
              ? "Claims decoded, not verified: the organization lookup is the live check."
              : "Only ZITADEL can read it (introspection)."}
          </span>
        </Fact>
        <Fact term="Expires">{pat.expiresAt ? formatDateTime(pat.expiresAt) : "Not known: introspect it to learn"}</Fact>
        <Fact term="Audience">
          <BadgeList items={pat.audience} label="Audience" empty="Not visible in an opaque token" isCode />
        </Fact>
        <Fact term="Fingerprint">
          <span className="font-mono text-xs break-all">{pat.fingerprint}</span>
        </Fact>
        <Fact term="Token (masked)" isWide>
          <span className="font-mono text-xs break-all">{pat.masked}</span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">{pat.length} characters</span>
        </Fact>
      </FactList>
      <ZitadelClaims zitadel={pat.zitadel} />
      {pat.kind === "jwt" ? <JwtDetails token={pat} /> : null}
    </div>
  );
}

/** What a PAT's token test verified: at most that it has not expired; whether ZITADEL accepts it, only a lookup tells. */
function patChecked(pat: PatMetadata): string {
  const unchecked = "Whether ZITADEL accepts it was not checked: a PAT is sent as is, and the organization lookup is its live check.";
  return pat.expiresAt ? `Not expired (valid until ${formatDateTime(pat.expiresAt)}). ${unchecked}` : `Expiry not known. ${unchecked}`;
}

function TokenResult({ result, credentialId, adminOnly }: { result: TokenTestResult; credentialId: string; adminOnly: string | null }) {
  const token = result.token!;
  return (
    <div className="space-y-6" data-testid="token-result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone="success">Token issued</Badge>
        <Badge tone="accent" className="uppercase">
          <span data-testid="token-freshness">fresh</span>
        </Badge>
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="token-exchange-meta">
          {result.httpStatus !== null ? `HTTP ${result.httpStatus}` : "HTTP —"} · {formatLatency(result.latencyMs)}
        </span>
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="token-source">
          obtained by your token test <RelativeTime value={result.obtainedAt} />
        </span>
      </div>
      <TokenBody token={token} credentialId={credentialId} adminOnly={adminOnly} />
    </div>
  );
}

function TokenBody({ token, credentialId, adminOnly }: { token: TokenMetadata; credentialId: string; adminOnly: string | null }) {
  return (
    <>
      <div className="rounded-lg bg-zinc-50 p-4 dark:bg-zinc-950/60">
        <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Expires in</p>
        <ExpiryCountdown expiresAt={token.expiresAt} testId="token-countdown" className="mt-1 block text-2xl font-semibold" />
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          at {formatDateTime(token.expiresAt)} · expires_in {token.expiresIn} s
        </p>
      </div>

      <TokenFacts token={token} />
      <TokenReveal credentialId={credentialId} adminOnly={adminOnly} />
      <ZitadelClaims zitadel={token.zitadel} />
      {token.kind === "jwt" ? <JwtDetails token={token} /> : null}
      {token.idToken ? <IdTokenDetails idToken={token.idToken} /> : null}
    </>
  );
}
