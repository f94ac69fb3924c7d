import type { ItemState, ItemStatus, RunCounts, RunScope, RunState } from "@/lib/schemas/runs";

// Test-all runs in the store: the run, its items, and the compare-and-set steps two instances share a run by.

export interface CheckRunRow {
  id: string;
  startedBy: string;
  startedByName: string | null;
  startedAt: string;
  finishedAt: string | null;
  state: RunState;
  scope: RunScope;
  total: number;
  reason: string | null;
  counts: RunCounts;
  /** A running run's pace: when each item in flight was claimed, and how long the last tested items took. */
  pace?: RunPaceRow;
}

export interface RunPaceRow {
  runningSince: string[];
  recentDurationsMs: number[];
}

export interface CheckRunItemRow {
  runId: string;
  credentialId: string;
  label: string;
  issuer: string;
  state: ItemState;
  status: ItemStatus | null;
  orgId: string | null;
  orgName: string | null;
  code: string | null;
  claimedAt: string | null;
  finishedAt: string | null;
}

export interface NewCheckRun {
  id: string;
  startedBy: string;
  startedByName: string | null;
  scope: RunScope;
  items: { credentialId: string; label: string; issuer: string }[];
}

/** How an item ended: tested (with what it found) or skipped (the credential was gone, or a limit refused it). */
export type ItemOutcome =
  | { state: "done"; status: ItemStatus; orgId: string | null; orgName: string | null; code: string | null }
  | { state: "skipped"; code: string };

export interface CheckRunStore {
  /** The run and all its items (pending), in one transaction. */
  createRun(run: NewCheckRun): Promise<CheckRunRow>;
  getRun(id: string): Promise<CheckRunRow | null>;
  /** The run without its counts: who started it and its state, for a worker about to test one of its items. */
  getRunHeader(id: string): Promise<Omit<CheckRunRow, "counts"> | null>;
  /** Newest first. */
  listRuns(limit: number): Promise<CheckRunRow[]>;
  /** Runs still running, newest first; `startedBy` narrows to one operator's. */
  listRunningRuns(startedBy?: string): Promise<CheckRunRow[]>;
  listItems(runId: string): Promise<CheckRunItemRow[]>;
  listPendingItems(runId: string): Promise<CheckRunItemRow[]>;
  /** Items that ended at or after `since` (ISO), oldest first: what a progress stream has not shown yet. */
  listItemsFinishedSince(runId: string, since: string | null, limit: number): Promise<CheckRunItemRow[]>;
  /**
   * Compare-and-set pending → running, only while the run is running. An item left running longer than
   * `leaseMs` (its instance died mid-test) may be claimed again. True when this caller won the item.
   */
  claimItem(runId: string, credentialId: string, leaseMs: number): Promise<boolean>;
  /** running → done/skipped. False when the item was not running (never claimed, or already ended). */
  finishItem(runId: string, credentialId: string, outcome: ItemOutcome): Promise<boolean>;
  /** running → pending: this worker's test of the item broke off, so its job's next try may claim it again. */
  releaseItem(runId: string, credentialId: string): Promise<boolean>;
  /** pending/running → skipped with `code`: its job gave up, so the item ends instead of waiting forever. */
  abandonItem(runId: string, credentialId: string, code: string): Promise<boolean>;
  /** running → cancelled, and every pending item with it; null when the run was not running. */
  cancelRun(id: string, reason: string): Promise<CheckRunRow | null>;
  /** running → done once no item is pending or running; true when this call ended it. */
  finishRunIfComplete(id: string): Promise<boolean>;
  /** running → failed, pending and running items → cancelled. */
  failRun(id: string, reason: string): Promise<boolean>;
  /** Running items back to pending (a single-instance restart: whoever was testing them is gone). */
  releaseRunningItems(runId: string): Promise<number>;
}
