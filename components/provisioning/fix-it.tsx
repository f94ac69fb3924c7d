"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useCredential } from "@/lib/client/use-credential";
import { useMe } from "@/lib/client/use-me";
import { useAuthorities } from "@/lib/client/use-provisioning";
import { useCredentialAction } from "@/lib/client/use-provisioning-actions";
import { managerRoleLabels, managerRoles, type ManagerRole } from "@/lib/manager-roles";
import type { DiagnosisCode } from "@/lib/schemas/diagnostics";
import { ActionFailure } from "./action-failure";
import { useAuthorityChoice } from "./authority-choice";
import { AuthorityField } from "./authority-field";

// "Fix it for me" under a diagnosis the console can repair in ZITADEL itself: a missing manager role, a secret that
// ZITADEL no longer accepts (or never had), an inactive user. Admins only; the result and the re-run check are shown
// above the panels (ActionResult), since this card goes away once the fix works.

type Fix = "grant_role" | "rotate_secret" | "reactivate";

const FIXES: Partial<Record<DiagnosisCode, Fix>> = {
  missing_permission: "grant_role",
  invalid_secret: "rotate_secret",
  no_secret: "rotate_secret",
  user_inactive: "reactivate",
};

const COPY: Record<Fix, { intro: string; button: string; confirm?: string }> = {
  grant_role: {
    intro: "The console grants the service user a manager role on its organization in ZITADEL, then looks the organization up again.",
    button: "Grant the role",
  },
  rotate_secret: {
    intro: "ZITADEL generates a new secret and the console stores it here, then tests it.",
    button: "Rotate the secret",
    confirm: "The old secret stops working at once: any other system that uses it fails until it gets the new one.",
  },
  reactivate: {
    intro: "The console reactivates the service user in ZITADEL, then tests the credential again.",
    button: "Reactivate the user",
    confirm: "The user can sign in again with every secret and key it has.",
  },
};

export function fixFor(code: DiagnosisCode): Fix | null {
  return FIXES[code] ?? null;
}

export function FixItForMe({ credentialId, code }: { credentialId: string; code: DiagnosisCode }) {
  const { can } = useMe();
  const { credential } = useCredential(credentialId);
  const [isOpen, setOpen] = useState(false);
  const fix = fixFor(code);
  // Rotating makes a client secret; a key file or a token has none to rotate.
  if (!fix || !credential || (fix === "rotate_secret" && credential.kind !== "client_secret")) return null;
  // Someone who may not repair it learns that an admin can, here, in one click.
  if (!can("admin")) {
    return (
      <p className="mt-3 border-t border-black/10 pt-3 text-sm dark:border-white/10" data-testid="fix-needs-admin">
        An admin can fix this for you from this page with &ldquo;Fix it for me&rdquo;: ask one to open this credential.
      </p>
    );
  }
  return (
    <div className="mt-3 border-t border-black/10 pt-3 dark:border-white/10" data-testid="fix-it">
      {isOpen ? (
        <FixForm credentialId={credentialId} issuer={credential.issuer} fix={fix} onCancel={() => setOpen(false)} />
      ) : (
        <Button variant="primary" size="sm" onClick={() => setOpen(true)}>
          Fix it for me
        </Button>
      )}
    </div>
  );
}

interface FixFormProps {
  credentialId: string;
  issuer: string;
  fix: Fix;
  onCancel: () => void;
}

function FixForm({ credentialId, issuer, fix, onCancel }: FixFormProps) {
  const { authorities, error, retry } = useAuthorities(issuer);
  const choice = useAuthorityChoice(authorities);
  const action = useCredentialAction(credentialId);
  const [role, setRole] = useState<ManagerRole>("ORG_OWNER");
  const [isConfirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLParagraphElement>(null);
  const copy = COPY[fix];

  useEffect(() => headingRef.current?.focus(), []);

  async function run() {
    if (!choice.ref) return;
    if (fix === "grant_role") await action.run({ action: "grant_role", authority: choice.ref, role });
    else await action.run({ action: fix, authority: choice.ref, confirm: true });
    setConfirming(false);
  }

  const failure = action.error;
  return (
    <div className="space-y-3">
      <p ref={headingRef} tabIndex={-1} className="font-semibold outline-none">
        Fix it for me
      </p>
      <p>{copy.intro}</p>
      {fix === "grant_role" ? (
        <Field label="Manager role">
          <Select value={role} onChange={(event) => setRole(event.target.value as ManagerRole)}>
            {managerRoles.map((value) => (
              <option key={value} value={value}>
                {managerRoleLabels[value]}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <AuthorityField authorities={authorities} error={error} onRetry={() => void retry()} value={choice.key} onChange={choice.setKey} />
      <p aria-live="polite" className="text-xs">
        {action.isRunning ? "Working in ZITADEL, then checking again…" : ""}
      </p>
      <ActionFailure error={failure} fallback="The fix could not be made. Try again." />
      {isConfirming && copy.confirm ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="fix-confirm">
          <span>{copy.confirm}</span>
          <Button variant="danger" size="sm" isLoading={action.isRunning} onClick={() => void run()}>
            Confirm: {copy.button.toLowerCase()}
          </Button>
          <Button size="sm" disabled={action.isRunning} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button
            variant="primary"
            size="sm"
            isLoading={action.isRunning}
            disabled={!choice.ref}
            onClick={() => (copy.confirm ? setConfirming(true) : void run())}
          >
            {copy.button}
          </Button>
          <Button size="sm" disabled={action.isRunning} onClick={onCancel}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
