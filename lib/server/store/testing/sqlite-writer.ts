import "server-only";
import { once } from "node:events";
import { createStore } from "../index";
import { runIncrements } from "./increments";

// Child process for the concurrency test: its own connection to the shared file, one JSON report on stdout.
// It says "ready" once connected and starts on any line from stdin, so all writers really overlap.

async function main(): Promise<void> {
  const [path, credentialId, count, writer] = process.argv.slice(2);
  if (!path || !credentialId || !count || !writer) throw new Error("usage: sqlite-writer <path> <credentialId> <count> <writer>");
  const store = await createStore({ driver: "sqlite", path });
  try {
    process.stdout.write("ready\n");
    await once(process.stdin, "data");
    const report = await runIncrements(store, credentialId, Number(count), writer);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
