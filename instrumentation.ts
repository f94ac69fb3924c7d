// Runs once when the server starts: a bad setting or an unusable key stops it here, not at the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const { installMethodGuard } = await import("./lib/server/method-guard");
  installMethodGuard(getEnv().REQUEST_BODY_TIMEOUT_SECONDS);
  const { bootServer } = await import("./lib/server/startup");
  await bootServer();
}
