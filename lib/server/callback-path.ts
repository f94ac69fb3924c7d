import "server-only";

// Where to send an operator after sign-in: only a path on this app. Browsers read `/\evil.com` as `//evil.com`
// and drop tabs and newlines from URLs, so a prefix check is not enough; resolve it and compare origins instead.

const BASE = "http://m2m-console.invalid";
export const DEFAULT_CALLBACK_PATH = "/credentials";

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_CALLBACK_PATH;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : DEFAULT_CALLBACK_PATH;
}
