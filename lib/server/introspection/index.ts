import "server-only";

// Use cases behind the introspection-client routes and POST /api/credentials/:id/introspect.

export { createIntrospectionClient, deleteIntrospectionClient, listIntrospectionClients } from "./manage-clients";
export { openAuth, runIntrospection } from "./run-introspection";
