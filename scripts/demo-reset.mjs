#!/usr/bin/env node
// `npm run demo:reset`: the demo as on its first start. Deletes the emulator's saved state and the console's demo
// store (credentials, history, audit log); keeps the generated keys under data/keys/. Refuses while the demo runs.
import { existsSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { join, relative, resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function listening(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

const running = [];
for (const port of [3000, 8080]) if (await listening(port)) running.push(port);
if (running.length > 0) {
  console.error(`demo:reset: something is listening on port ${running.join(" and ")}; stop the demo (Ctrl+C) first`);
  process.exit(1);
}

// A PostgreSQL store is nobody's demo to drop: only the embedded SQLite file goes.
const database = resolve(root, process.env.SQLITE_PATH ?? join("data", "db", "console.sqlite"));
if (process.env.DATABASE_URL) console.log("demo:reset: DATABASE_URL is set; its database is left as it is");
const files = [
  join(root, "data", "demo", "emulator-state.json"),
  ...(process.env.DATABASE_URL ? [] : ["", "-wal", "-shm"].map((suffix) => `${database}${suffix}`)),
];
const removed = files.filter((file) => existsSync(file));
for (const file of removed) rmSync(file);
console.log(
  removed.length === 0
    ? "demo:reset: nothing to reset; the next `npm run demo` starts fresh"
    : `demo:reset: removed ${removed.map((file) => (file.startsWith(root) ? relative(root, file) : file)).join(", ")}; the next \`npm run demo\` starts fresh`,
);
