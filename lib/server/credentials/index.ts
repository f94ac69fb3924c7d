import "server-only";

// The credential registry's use cases: what route handlers call. Each write records its audit row in the same transaction.

export { createCredential } from "./create-credential";
export { deleteCredential } from "./delete-credential";
export { toCredentialDto } from "./dto";
export { exportCredentials } from "./export-credentials";
export { getCredential } from "./get-credential";
export { importCredentials } from "./import-credentials";
export { listCredentials, listCredentialTags } from "./list-credentials";
export { replaceSecret } from "./replace-secret";
export { updateCredential } from "./update-credential";
