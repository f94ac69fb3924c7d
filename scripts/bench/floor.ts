// The framework's floor: a bare Next.js app built the same way as the console (same Next, React and build), with
// one route handler answering {} and one page rendering a heading. What the console costs is measured against it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { envPort, ROOT } from "./stack";

const DIR = join(ROOT, ".cache", "bench-floor");

const FILES: Record<string, string> = {
  "next.config.mjs": `export default { poweredByHeader: false, reactStrictMode: true, turbopack: { root: ${JSON.stringify(ROOT)} } };\n`,
  // Without one of its own, Next finds the console's instrumentation through the shared Turbopack root.
  "instrumentation.ts": "export function register() {}\n",
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`,
  "app/page.tsx": `export const dynamic = "force-dynamic";\nexport default function Page() {\n  return <h1>Floor</h1>;\n}\n`,
  "app/api/floor/route.ts": `export const dynamic = "force-dynamic";\nexport function GET() {\n  return Response.json({});\n}\n`,
  "tsconfig.json": `${JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["dom", "esnext"], jsx: "preserve", module: "esnext", moduleResolution: "bundler", strict: true, skipLibCheck: true, noEmit: true, esModuleInterop: true, isolatedModules: true, incremental: false, plugins: [{ name: "next" }] }, include: ["**/*.ts", "**/*.tsx"] }, null, 2)}\n`,
};

export interface Floor {
  origin: string;
  stop(): Promise<void>;
}

export async function startFloor(port = envPort("BENCH_FLOOR_PORT", 3690)): Promise<Floor> {
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(DIR, path, ".."), { recursive: true });
    writeFileSync(join(DIR, path), text);
  }
  const next = join(ROOT, "node_modules", ".bin", "next");
  if (!existsSync(join(DIR, ".next", "BUILD_ID"))) {
    const build = spawnSync(next, ["build"], { cwd: DIR, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error(`the bare Next.js app did not build (run next build in ${DIR} to see why)`);
  }
  const child: ChildProcess = spawn(next, ["start", "-p", String(port)], {
    cwd: DIR,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const origin = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/api/floor`)).ok) break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("the bare Next.js app did not start");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    origin,
    stop: () =>
      child.exitCode === null ? new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM"))) : Promise.resolve(),
  };
}
