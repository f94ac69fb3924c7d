// oidc-provider warns "Unsupported runtime" on every Node release before 22 as soon as it is imported, though the
// emulator works on 20.9+, the floor the project supports. Only that one known line is dropped; every other warning
// goes through unchanged.

const UNSUPPORTED_RUNTIME = "oidc-provider WARNING: Unsupported runtime.";

/** `warn` without oidc-provider's runtime warning (which may come wrapped in a terminal's colour codes). */
export function withoutRuntimeWarning(warn: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args) => {
    const [first] = args;
    if (args.length === 1 && typeof first === "string" && first.includes(UNSUPPORTED_RUNTIME)) return;
    warn(...args);
  };
}

console.warn = withoutRuntimeWarning(console.warn.bind(console));
