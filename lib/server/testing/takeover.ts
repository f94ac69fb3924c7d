import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { PgBossQueue } from "@/lib/server/jobs";

// The two-instance takeover tests: this process and a second instance (worker-instance.ts, killed mid-job) share one
// pg-boss schema with short leases, so the job the dead one held comes back to this one quickly.

/** pg-boss in the test's scratch schema, with the lease the second instance uses too. */
export function openTakeoverQueue(bossSchema: string, leaseSeconds: number): PgBossQueue {
  return new PgBossQueue({
    url: process.env.DATABASE_URL ?? "",
    schema: bossSchema,
    poolSize: 2,
    onError: () => undefined,
    expireInSeconds: leaseSeconds,
    maintenanceIntervalSeconds: 1,
  });
}

/** Starts the second instance working `kind`'s jobs; resolves once it says it is ready. */
export async function startWorkerInstance(
  kind: "alerts" | "provisioning",
  bossSchema: string,
  leaseSeconds: number,
): Promise<ChildProcess> {
  const script = join(import.meta.dirname, "worker-instance.ts");
  const args = ["--import", "tsx", "--conditions=react-server", script, kind, bossSchema, String(leaseSeconds)];
  const child = spawn(process.execPath, args, { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
  if (chunk.toString().trim() !== "ready") throw new Error(`the ${kind} worker instance did not start: ${chunk.toString()}`);
  return child;
}
