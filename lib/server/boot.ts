import "server-only";
import { prepareServer } from "@/lib/server/startup";

/** Called once from instrumentation.ts: print why the server cannot start and exit, instead of answering 500s. */
export async function bootOrExit(): Promise<void> {
  try {
    await prepareServer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
