import "server-only";

// Use cases behind /api/lookup: answers about a service user or token support pastes, without its secret.

export { lookupToken } from "./lookup-token";
export { lookupUser } from "./lookup-user";
