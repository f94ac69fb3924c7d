import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Tests meet the emulator as the app does: a separate program, over HTTP. Nothing of it is imported.

export interface EmulatorStats {
  token: { total: number; byClient: Record<string, number> };
  orgsMe: { total: number; byClient: Record<string, number> };
}

export interface EmulatorProcess {
  issuer: string;
  stats(): Promise<EmulatorStats>;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0);
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitUntilHealthy(issuer: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${issuer}/debug/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the emulator did not start within 20 s");
}

export async function startEmulatorProcess(env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["emulator/src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_ISSUER: issuer, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitUntilHealthy(issuer, child);
  return {
    issuer,
    async stats() {
      return (await (await fetch(`${issuer}/__emulator/stats`)).json()) as EmulatorStats;
    },
    async close() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = once(child, "exit");
      process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}
