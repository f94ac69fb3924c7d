import { randomBytes } from "node:crypto";

// ZITADEL ids are 18-digit decimal snowflakes; time-prefixed so they sort like the real ones.
let counter = 0;
export function nextId(): string {
  counter = (counter + 1) % 100_000;
  return `${Date.now()}${String(counter).padStart(5, "0")}`;
}

/** Opaque access tokens: base64url without padding, like ZITADEL's encrypted bearer tokens. */
export function opaqueToken(): string {
  return randomBytes(72).toString("base64url");
}
