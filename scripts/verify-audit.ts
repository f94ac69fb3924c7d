// npm run audit:verify [-- --head=<id>:<hash>] — walks the audit log's hash chain and names the first row that was
// changed or removed. Same settings as the server (DATABASE_URL or SQLITE_PATH). --head is a head printed by an
// earlier run: that row must still carry that hash. Exits 0 when intact, 1 when broken or unreadable.
import { closeStore, getStore, type AuditChainHead } from "@/lib/server/store";

function recordedHeadFrom(argv: string[]): AuditChainHead | undefined {
  const flag = argv.find((arg) => arg.startsWith("--head="));
  if (!flag) return undefined;
  const match = /^--head=(\d+):([0-9a-f]{64})$/.exec(flag);
  if (!match?.[1] || !match[2]) throw new Error("--head must be <row id>:<64 hex digits>, as a previous run printed it");
  return { id: match[1], hash: match[2] };
}

async function main(argv: string[]): Promise<number> {
  const recorded = recordedHeadFrom(argv);
  const store = await getStore();
  try {
    const report = await store.audit.verifyChain(recorded);
    if (report.broken) {
      const { id, at, reason } = report.broken;
      console.error(`Audit log broken at row ${id} (${at ?? "time unknown"}): ${reason}.`);
      console.error(`${report.rows} row(s) before it verified. Restore the database from a backup to see what was there.`);
      return 1;
    }
    const head = report.head ? `head row ${report.head.id}, hash ${report.head.hash}` : "no rows yet";
    console.log(`Audit log intact: ${report.rows} row(s) verified (${store.driver} store); ${head}.`);
    // Someone who can write the database could rebuild the whole chain; a head recorded elsewhere rules that out.
    console.log("Keep this head outside the database and pass it to later runs as --head=<id>:<hash>: a rewritten chain fails there.");
    return 0;
  } finally {
    await closeStore();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
