import "server-only";
import { getEnv } from "@/lib/env";
import { startAlertDelivery } from "@/lib/server/alerts";
import { PgBossQueue, setJobQueueForTests } from "@/lib/server/jobs";
import { startProvisioningWorker } from "@/lib/server/provisioning";
import { getStore } from "@/lib/server/store";

// Child process for the takeover tests: an app instance that works one kind of job ("provisioning" or "alerts"), on
// the test's scratch schema (its pg-boss schema and lease in argv), until the test kills it.

async function main(): Promise<void> {
  const [kind, schema = "", expireInSeconds = "5"] = process.argv.slice(2);
  const url = getEnv().DATABASE_URL ?? "";
  const queue = new PgBossQueue({
    url,
    schema,
    poolSize: 2,
    onError: () => undefined,
    expireInSeconds: Number(expireInSeconds),
    maintenanceIntervalSeconds: 1,
  });
  setJobQueueForTests(queue);
  await getStore();
  await (kind === "alerts" ? startAlertDelivery() : startProvisioningWorker());
  process.stdout.write("ready\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
