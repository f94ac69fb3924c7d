import "server-only";

// Next bundles each route on its own, so plain module state exists once per route. What must exist once per
// process (connections, caches, in-flight work) is kept on globalThis under a registered symbol instead.
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`m2m-console.${name}`);
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  registry[key] ??= create();
  return registry[key];
}
