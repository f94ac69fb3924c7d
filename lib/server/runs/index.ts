import "server-only";

// Test-all runs: start, follow, cancel; the workers that test the items; scheduled checks.

export { cancelRun } from "./cancel-run";
export { interruptItemsInHand } from "./interrupt-items";
export { getActiveRun, getRun, getRunDetail, listRuns } from "./read-runs";
export { getRunReport } from "./run-report";

export { startRun } from "./start-run";
export { startRunWorkers } from "./start-workers";
export { runEventStream } from "./run-events";
