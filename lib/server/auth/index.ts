import "server-only";

// Who is signed in, with which role, through which server-side session.

export { authenticate, isStillAllowed, type Caller } from "./authenticate";
export { getAuthOptions } from "./options";
export { closeSession, effectiveRole, getOperator, type Operator } from "./sessions";
export { endSession } from "./end-session";
export { getOperatorZitadelToken } from "./zitadel-token";
