import { managerRoleLabels, type JobStep, type ProvisioningJob } from "@/lib/schemas/provisioning";

// What a job has done in ZITADEL and in the console, and what it has not, in one plain sentence: the operator must
// know, before resuming or walking away, whether a user or a stored secret exists.

type Step = JobStep["name"];

function stateOf(job: ProvisioningJob, name: Step): JobStep["state"] | null {
  return job.steps.find((step) => step.name === name)?.state ?? null;
}

/** "a", "a and b", "a, b and c". */
export function joinClauses(clauses: string[]): string {
  if (clauses.length <= 1) return clauses[0] ?? "";
  return `${clauses.slice(0, -1).join(", ")} and ${clauses.at(-1)}`;
}

function capitalized(text: string): string {
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text;
}

/**
 * `credentialLabel`: the stored credential's label, when the page has it. A running job is summarised by what is
 * done so far; nothing is said yet of what it has still to do.
 */
export function summarizeJob(job: ProvisioningJob, credentialLabel?: string | null): string {
  const user = job.input.userName;
  const role = job.input.role ? managerRoleLabels[job.input.role] : null;
  const is = (name: Step, state: JobStep["state"]) => stateOf(job, name) === state;
  const isDone = (name: Step) => is(name, "done");

  const done: string[] = [];
  if (isDone("create_user")) done.push(`the user ${user} exists in ZITADEL`);
  if (isDone("register"))
    done.push(`its secret is stored in the credential ${credentialLabel ? `“${credentialLabel}”` : "registered here"}`);
  else if (isDone("generate_secret")) done.push("a secret was generated but is stored nowhere (resuming generates a new one)");
  if (isDone("grant_role") && role) done.push(`it holds the role ${role}`);
  if (isDone("test_token")) done.push("it got a token");
  if (isDone("lookup_org")) done.push("its organization was found");

  const notDone: string[] = [];
  if (job.state !== "running") {
    const isOpen = (name: Step) => is(name, "failed") || is(name, "pending") || is(name, "running");
    if (isOpen("create_user")) notDone.push("the user was not created");
    if (isOpen("generate_secret")) notDone.push("no secret was generated");
    if (isOpen("register")) notDone.push("no credential was stored");
    if (isOpen("grant_role")) notDone.push(`the role ${role ?? "asked for"} was not granted`);
    if (is("grant_role", "skipped")) notDone.push(role ? `the role ${role} was left out` : "no manager role was asked for");
    if (isOpen("test_token")) notDone.push("no token was tried");
    if (isOpen("lookup_org")) notDone.push("its organization was not looked up");
  }

  if (done.length === 0 && notDone.length === 0) return "Nothing has been done yet.";
  if (done.length === 0) return `Nothing was done: ${joinClauses(notDone)}.`;
  if (notDone.length === 0) return `${capitalized(joinClauses(done))}.`;
  return `${capitalized(joinClauses(done))}; ${joinClauses(notDone)}.`;
}
