import { describe, expect, it } from "vitest";
import { actionLabel, refusalReason } from "./audit-labels";

describe("why an audit entry did not succeed", () => {
  it("names the role a refused request needed and the one the operator had", () => {
    expect(refusalReason({ reason: "role", needed: "admin", had: "viewer", method: "GET", path: "/api/audit" })).toBe(
      "needs the admin role (had viewer)",
    );
    expect(refusalReason({ reason: "role", needed: "operator", had: null })).toBe("needs the operator role (had none)");
  });

  it("says a refused write's reason and a failed test's diagnosis in words", () => {
    expect(refusalReason({ reason: "duplicate" })).toBe("already registered");
    expect(refusalReason({ reason: "bad_origin" })).toBe("request from another site");
    expect(refusalReason({ diagnosis: "invalid_client", cached: false })).toBe("diagnosis: invalid client");
    expect(refusalReason({ code: "OAuthCallback" })).toBe("OAuthCallback");
  });

  it("says nothing when the entry records no reason", () => {
    expect(refusalReason({ fields: ["label"] })).toBeNull();
    expect(refusalReason(null)).toBeNull();
  });
});

describe("how the audit page names an action", () => {
  it("names a status alert that went out and one that did not", () => {
    expect(actionLabel("alert.sent")).toBe("Sent status alert");
    expect(actionLabel("alert.failed")).toBe("Status alert not delivered");
  });

  it("says why an alert was not delivered", () => {
    expect(refusalReason({ to: "token_fails", from: "working", attempts: 4, httpStatus: null, reason: "receiver_unreachable" })).toBe(
      "receiver unreachable",
    );
    expect(refusalReason({ to: "working", from: "org_fails", attempts: 1, httpStatus: 400, reason: "receiver_refused" })).toBe(
      "receiver refused",
    );
  });
});
