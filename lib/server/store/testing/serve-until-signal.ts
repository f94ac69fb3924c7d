import "server-only";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bootServer } from "@/lib/server/startup";
import { getStore } from "../index";
import { auditEntry } from "./fixtures";

// Child process for the shutdown test: boots as instrumentation.ts does and writes one audit row per request.
// With --like-next it handles SIGTERM/SIGINT the way `next start` does (registered first, before the app boots):
// stop accepting, let in-flight requests finish, then process.exit(143).

async function main(): Promise<void> {
  const server = createServer((_request, response) => {
    getStore()
      .then((store) => store.audit.append(auditEntry("token.test")))
      .then(
        () => response.end("written"),
        () => response.writeHead(503).end(),
      );
  });
  if (process.argv.includes("--like-next")) {
    process.on("SIGTERM", () => server.close(() => process.exit(143)));
  }
  await bootServer();
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
