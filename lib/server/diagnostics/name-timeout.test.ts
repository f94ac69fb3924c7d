import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/lib/server/http/testing";
import { makeDiagnosis } from "@/lib/server/zitadel";
import { nameTimeout } from "./name-timeout";

// What an operator reads when ZITADEL is slow or down: which call, how long it waited, and "not now" for a 503.

beforeAll(() => setTestEnv({ UPSTREAM_TIMEOUT_MS: "2500" }));

describe("a timeout", () => {
  it("names the call that got no answer and the deadline", () => {
    expect(nameTimeout(makeDiagnosis("timeout"), "token").explanation).toBe("The token request to ZITADEL got no answer within 2.5 s.");
    expect(nameTimeout(makeDiagnosis("timeout"), "org").explanation).toBe(
      "The organization request to ZITADEL (orgs/me) got no answer within 2.5 s.",
    );
  });

  it("leaves every other diagnosis as it is", () => {
    const refused = makeDiagnosis("refused");
    expect(nameTimeout(refused, "token")).toEqual(refused);
  });
});

describe("a 503", () => {
  it("reads as unavailable or overloaded, to try later, not as an internal error", () => {
    const diagnosis = makeDiagnosis("server_error", { httpStatus: 503 });
    expect(diagnosis).toMatchObject({
      code: "server_error",
      httpStatus: 503,
      title: "ZITADEL is unavailable or overloaded",
      retryable: true,
    });
    expect(diagnosis.fix).toContain("Try again in a few minutes");
    expect(JSON.stringify(diagnosis)).not.toContain("internal error");
    expect(makeDiagnosis("server_error", { httpStatus: 500 }).title).toBe("ZITADEL answered with a server error");
  });
});
