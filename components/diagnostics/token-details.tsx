import { Badge } from "@/components/ui/badge";
import { Fact, FactList } from "@/components/ui/fact-list";
import type { TokenMetadata } from "@/lib/schemas/diagnostics";
import { ClaimsTable } from "./claims-table";
import { SubHeading } from "./panel";

// What a token says about itself: ZITADEL's claims, the JWT's header and claims, and the id_token.

type Signature = TokenMetadata["signature"];

export function SignatureBadge({ signature }: { signature: Signature }) {
  if (signature === "verified") return <Badge tone="success">Signature verified</Badge>;
  if (signature === "unverified") return <Badge tone="warning">Unverified</Badge>;
  return null;
}

export function ZitadelClaims({ zitadel }: { zitadel: TokenMetadata["zitadel"] }) {
  const hasOwner = zitadel.resourceOwnerId || zitadel.resourceOwnerName;
  const roles = zitadel.roles ?? [];
  if (!hasOwner && roles.length === 0) return null;
  return (
    <div className="space-y-3">
      <SubHeading>ZITADEL claims</SubHeading>
      <FactList>
        {hasOwner ? (
          <Fact term="Resource owner">
            <span className="font-medium">{zitadel.resourceOwnerName ?? "—"}</span>
            {zitadel.resourceOwnerDomain ? (
              <span className="block text-zinc-500 dark:text-zinc-400">{zitadel.resourceOwnerDomain}</span>
            ) : null}
            {zitadel.resourceOwnerId ? (
              <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{zitadel.resourceOwnerId}</span>
            ) : null}
          </Fact>
        ) : null}
        {roles.length > 0 ? (
          <Fact term="Roles">
            <ul className="space-y-1">
              {roles.map((grant) => (
                <li key={`${grant.projectId}/${grant.role}`}>
                  <Badge tone="accent" className="font-mono">
                    {grant.role}
                  </Badge>
                  <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400">
                    project {grant.projectId}
                    {grant.orgs.length ? ` · ${grant.orgs.map((org) => org.domain || org.id).join(", ")}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
      </FactList>
    </div>
  );
}

export function JwtDetails({ token }: { token: Pick<TokenMetadata, "claims" | "header" | "signature" | "signatureNote"> }) {
  if (!token.claims && !token.header) return null;
  return (
    <div className="space-y-3" data-testid="jwt-details">
      <div className="flex flex-wrap items-center gap-2">
        <SubHeading>Access token claims</SubHeading>
        <SignatureBadge signature={token.signature} />
      </div>
      {token.signatureNote ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{token.signatureNote}</p> : null}
      {token.claims ? <ClaimsTable claims={token.claims} caption="Access token claims" /> : null}
      {token.header ? (
        <>
          <SubHeading>JWT header</SubHeading>
          <ClaimsTable claims={token.header} caption="JWT header" />
        </>
      ) : null}
    </div>
  );
}

export function IdTokenDetails({ idToken }: { idToken: NonNullable<TokenMetadata["idToken"]> }) {
  return (
    <div className="space-y-3" data-testid="id-token-details">
      <div className="flex flex-wrap items-center gap-2">
        <SubHeading>id_token claims</SubHeading>
        <SignatureBadge signature={idToken.signature} />
      </div>
      {idToken.remarks.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-xs text-amber-800 dark:text-amber-300">
          {idToken.remarks.map((remark) => (
            <li key={remark}>{remark}</li>
          ))}
        </ul>
      ) : null}
      <ClaimsTable claims={idToken.claims} caption="id_token claims" />
    </div>
  );
}
