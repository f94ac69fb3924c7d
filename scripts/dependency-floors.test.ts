import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// `npm audit` cannot run here (the registry answers 405), so the security floors and the Node 20 pins are a test
// (docs/security.md#dependencies): an install below a fixed release, or on a major that breaks Node 20, fails.

const nodeModules = new URL("../node_modules/", import.meta.url);

function installedVersion(name: string): [number, number, number] {
  const manifest = JSON.parse(readFileSync(new URL(`${name}/package.json`, nodeModules), "utf8")) as { version: string };
  const [major = 0, minor = 0, patch = 0] = manifest.version.split(/[.-]/).map(Number);
  return [major, minor, patch];
}

function atLeast(version: [number, number, number], floor: [number, number, number]): boolean {
  for (let i = 0; i < 3; i += 1) {
    if (version[i]! !== floor[i]!) return version[i]! > floor[i]!;
  }
  return true;
}

describe("dependency floors", () => {
  it.each([
    ["next", [16, 4, 6]],
    ["next-auth", [4, 24, 15]],
    ["react", [19, 3, 1]],
    ["react-dom", [19, 3, 1]],
  ] as const)("%s is at or above its last security release", (name, floor) => {
    expect(atLeast(installedVersion(name), [...floor]), `${name} ${installedVersion(name).join(".")} < ${floor.join(".")}`).toBe(true);
  });

  it.each([
    ["better-sqlite3", 12],
    ["undici", 7],
    ["vitest", 4],
  ] as const)("%s stays on major %i, the last that runs on Node 20", (name, major) => {
    expect(installedVersion(name)[0]).toBe(major);
  });
});
