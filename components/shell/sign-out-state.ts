// The `state` the sign-out button gives ZITADEL's end_session; ZITADEL hands it back on its redirect to /login, which
// then says "You are signed out." (A plain module: the server-rendered login page reads it too.)
export const SIGNED_OUT_STATE = "signed-out";
