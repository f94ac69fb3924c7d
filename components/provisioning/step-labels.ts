import type { BadgeTone } from "@/components/ui/badge";
import type { actionStepNames, jobStepNames, JobState, StepState } from "@/lib/schemas/provisioning";

// The words for a provisioning job's and an action's steps and states. Every state has a text and a glyph: the
// colour only repeats what they say.

type StepName = (typeof jobStepNames)[number] | (typeof actionStepNames)[number];

export const STEP_LABELS: Record<StepName, string> = {
  create_user: "Create the service user in ZITADEL",
  generate_secret: "Generate its client secret",
  register: "Store the secret in a credential of this console",
  grant_role: "Grant the manager role",
  test_token: "Get a token with the new secret",
  lookup_org: "Look up its organization",
  find_user: "Find the service user in ZITADEL",
  store_secret: "Store the new secret in this credential",
  reactivate: "Reactivate the service user",
};

export const STEP_STATES: Record<StepState, { label: string; glyph: string; tone: BadgeTone }> = {
  pending: { label: "Not started", glyph: "○", tone: "neutral" },
  running: { label: "Running", glyph: "…", tone: "accent" },
  done: { label: "Done", glyph: "✓", tone: "success" },
  failed: { label: "Failed", glyph: "✕", tone: "danger" },
  skipped: { label: "Skipped", glyph: "–", tone: "neutral" },
};

export const JOB_STATES: Record<JobState, { label: string; tone: BadgeTone }> = {
  running: { label: "Running", tone: "accent" },
  failed: { label: "Stopped at a failed step", tone: "danger" },
  done: { label: "Done", tone: "success" },
};
