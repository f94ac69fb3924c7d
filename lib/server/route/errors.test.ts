import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { StoreConflictError, StoreUnavailableError } from "@/lib/server/store";
import { errorResponse } from "./errors";

// What a caller sees when a handler throws: the status from the code, the request id, and never the server's details.

// The 5xx answers are logged, and the logger reads the settings.
process.env.LOG_LEVEL = "silent";
process.env.NEXTAUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");

async function answer(error: unknown) {
  const response = errorResponse(error, "req-1");
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error: Record<string, unknown> } };
}

describe("errorResponse", () => {
  it("takes the status from the error code and stamps the request id", async () => {
    const { status, body } = await answer(new ApiError("forbidden", "This needs the admin role."));
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: "forbidden", message: "This needs the admin role.", requestId: "req-1" });
  });

  it("sends Retry-After with a rate limit", async () => {
    const { status, headers, body } = await answer(new ApiError("rate_limited", "Too many token tests.", { retryAfterSeconds: 42 }));
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toBe("42");
    expect(body.error.retryAfterSeconds).toBe(42);
  });

  it("says the database cannot save (503) without the server's path or SQLite's message", async () => {
    const { status, body } = await answer(
      new StoreUnavailableError("the SQLite database cannot write (SQLITE_FULL: /srv/data/console.sqlite)"),
    );
    expect(status).toBe(503);
    expect(body.error.message).toMatch(/cannot save changes right now; nothing was saved/);
    expect(JSON.stringify(body)).not.toContain("SQLITE_FULL");
    expect(JSON.stringify(body)).not.toContain("/srv/data");
  });

  it("maps a stale version to 409 and anything unknown to a bare 500", async () => {
    expect((await answer(new StoreConflictError("version"))).status).toBe(409);
    const unknown = await answer(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"));
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(unknown.body)).not.toContain("hunter2");
  });
});
