"use client";

import { outcomeLabel } from "@/components/diagnostics/outcome-labels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { IssuerOutage } from "@/lib/schemas/health";
import { issuerHost } from "./issuer-host";

// One banner per issuer in trouble, above the list: an outage is the issuer's, not a fleet of broken credentials, so it
// says so once, since when and how many credentials it hides, with a way to see exactly those.

export function IssuerOutages({ outages, onShow }: { outages: IssuerOutage[]; onShow: (issuer: string) => void }) {
  if (outages.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="issuer-outages">
      {outages.map((outage) => (
        <Alert
          key={outage.issuer}
          tone="warning"
          title={`${issuerHost(outage.issuer)} is unavailable`}
          action={
            <Button size="sm" onClick={() => onShow(outage.issuer)}>
              Show the {outage.credentials === 1 ? "credential" : `${outage.credentials} credentials`}
            </Button>
          }
        >
          <p data-testid="issuer-outage">
            Since <RelativeTime value={outage.since} />, checks of{" "}
            <strong>
              {outage.credentials} credential{outage.credentials === 1 ? "" : "s"}
            </strong>{" "}
            got “{outcomeLabel(outage.code)}” from the issuer itself. That is not caused by the credentials: they show as Issuer
            unavailable, not as failing, until a check gets through.
          </p>
        </Alert>
      ))}
    </div>
  );
}
