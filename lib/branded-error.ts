// Next.js gives each route bundle its own copy of a module, while what the routes share (the store, the slot limiter)
// throws the copy of whichever route loaded it first: an error class is known by a registered symbol and its name, so
// `instanceof` holds across the copies.
const BRAND = Symbol.for("m2m-console.error");

/** The base of every error class the console catches by type: `class NotFound extends brandedError("NotFound") {}`. */
export function brandedError(name: string) {
  return class BrandedError extends Error {
    readonly [BRAND] = name;
    static [Symbol.hasInstance](value: unknown): boolean {
      return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === name;
    }
    constructor(message?: string, options?: ErrorOptions) {
      super(message, options);
      this.name = name;
    }
  };
}
