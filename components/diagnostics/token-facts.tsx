import { BadgeList } from "@/components/ui/badge-list";
import { Fact, FactList } from "@/components/ui/fact-list";
import type { TokenMetadata } from "@/lib/schemas/diagnostics";
import { SignatureBadge } from "./token-details";

// The token's metadata at a glance: type, kind, audience, scopes, fingerprint and masked form.

const KINDS: Record<TokenMetadata["kind"], { label: string; hint: string }> = {
  opaque: { label: "Opaque", hint: "Only ZITADEL can read it (introspection)." },
  jwt: { label: "JWT", hint: "Signed; anyone with the issuer's keys can read and verify it." },
  encrypted: { label: "Encrypted (JWE)", hint: "Encrypted for ZITADEL; opaque to everyone else." },
};

export function TokenFacts({ token }: { token: TokenMetadata }) {
  const kind = KINDS[token.kind];
  return (
    <FactList>
      <Fact term="Token type">
        <span className="font-mono">{token.tokenType}</span>
      </Fact>
      <Fact term="Kind">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium" data-testid="token-kind">
            {kind.label}
          </span>
          <SignatureBadge signature={token.signature} />
        </span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{kind.hint}</span>
      </Fact>
      <Fact term="Audience">
        <BadgeList items={token.audience} label="Audience" empty="Not visible in an opaque token" isCode />
      </Fact>
      <Fact term="Requested scopes">
        <BadgeList items={token.scopesRequested} label="Requested scopes" empty="None" isCode />
      </Fact>
      <Fact term="Fingerprint">
        <span className="font-mono text-xs break-all">{token.fingerprint}</span>
      </Fact>
      <Fact term="Token (masked)">
        <span className="font-mono text-xs break-all">{token.masked}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{token.length} characters</span>
      </Fact>
    </FactList>
  );
}
