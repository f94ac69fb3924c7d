import { describe, expect, it } from "vitest";
import { ApiError, readApiErrorBody } from "./api-error";

describe("readApiErrorBody", () => {
  it("reads the wire shape back into the error the browser shows, extras included", () => {
    const body = new ApiError("conflict", "Already registered.", {
      hint: "Replace its secret instead.",
      fields: { clientId: ["Already registered at this issuer."] },
      requestId: "req-1",
      conflict: { credentialId: "c-1", version: 3, label: "Billing" },
    }).toBody();
    expect(readApiErrorBody(JSON.parse(JSON.stringify(body)))).toEqual(body.error);
  });

  it("answers null for what is not an error body, so the fetcher reports the bare status instead", () => {
    for (const data of [null, "Bad Gateway", [], { error: "boom" }, { error: { code: 500, message: "x" } }, { message: "x" }]) {
      expect(readApiErrorBody(data)).toBeNull();
    }
  });

  it("drops extras of the wrong type rather than passing them on", () => {
    const read = readApiErrorBody({
      error: {
        code: "rate_limited",
        message: "Slow down.",
        hint: 42,
        fields: { clientId: "not a list" },
        retryAfterSeconds: -1,
        conflict: { credentialId: "c-1" },
        stack: "at secret.ts:1",
      },
    });
    expect(read).toEqual({ code: "rate_limited", message: "Slow down." });
  });
});
