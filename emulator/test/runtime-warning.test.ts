import { describe, expect, it, vi } from "vitest";
import { withoutRuntimeWarning } from "../src/runtime-warning";

describe("withoutRuntimeWarning", () => {
  it("drops oidc-provider's unsupported-runtime line, plain or in a terminal's colours", () => {
    const warn = vi.fn();
    const filtered = withoutRuntimeWarning(warn);
    filtered("oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.");
    filtered("\x1b[31;1moidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.\x1b[0m");
    expect(warn).not.toHaveBeenCalled();
  });

  it("passes every other warning through unchanged", () => {
    const warn = vi.fn();
    const filtered = withoutRuntimeWarning(warn);
    filtered("oidc-provider WARNING: a quick start development-only in-memory adapter is used");
    filtered("Unsupported runtime.", { detail: 1 });
    expect(warn.mock.calls).toEqual([
      ["oidc-provider WARNING: a quick start development-only in-memory adapter is used"],
      ["Unsupported runtime.", { detail: 1 }],
    ]);
  });
});
