import { describe, expect, it } from "vitest";
import { nextHealth, type HealthState } from "./health-rule";

const acme = { ok: true as const, id: "100", name: "ACME Corporation" };

function replay(inputs: Parameters<typeof nextHealth>[1][]): { state: HealthState | null; changes: unknown[] } {
  let state: HealthState | null = null;
  const changes: unknown[] = [];
  inputs.forEach((input, i) => {
    const next = nextHealth(state, input, `2024-01-0${i + 1}T00:00:00.000Z`);
    state = next.state;
    if (next.change) changes.push(next.change);
  });
  return { state, changes };
}

describe("the health status rule", () => {
  it("a working token with no org lookup yet is working", () => {
    expect(replay([{ token: "ok" }]).state).toMatchObject({ status: "working", code: null, lastOrg: null });
  });

  it("keeps org_fails when a later token test passes, and keeps the last known org", () => {
    const { state, changes } = replay([
      { token: "ok", org: acme },
      { token: "ok", org: { ok: false, code: "missing_permission" } },
      { token: "ok" },
    ]);
    expect(state).toMatchObject({ status: "org_fails", code: "missing_permission", since: "2024-01-02T00:00:00.000Z" });
    expect(state?.lastOrg).toEqual({ id: "100", name: "ACME Corporation", at: "2024-01-01T00:00:00.000Z" });
    expect(changes).toEqual([
      { from: null, to: "working" },
      { from: "working", to: "org_fails" },
    ]);
  });

  it("a failing token outranks a failing org, and since moves only when the status changes", () => {
    const { state, changes } = replay([
      { token: "ok", org: { ok: false, code: "org_not_found" } },
      { token: "invalid_secret" },
      { token: "user_inactive" },
      { token: "ok", org: acme },
    ]);
    expect(changes).toEqual([
      { from: null, to: "org_fails" },
      { from: "org_fails", to: "token_fails" },
      { from: "token_fails", to: "working" },
    ]);
    expect(state).toMatchObject({ status: "working", since: "2024-01-04T00:00:00.000Z", checkedAt: "2024-01-04T00:00:00.000Z" });
    const failing = replay([{ token: "invalid_secret" }, { token: "user_inactive" }]).state;
    expect(failing).toMatchObject({ status: "token_fails", code: "user_inactive", since: "2024-01-01T00:00:00.000Z" });
  });

  it("an unavailable issuer keeps the credential's own results, and leaving it reports the change from them", () => {
    const down = { issuerUnavailable: "server_error" };
    const back = replay([{ token: "ok", org: acme }, down, down, { token: "ok", org: acme }]);
    expect(back.changes).toEqual([
      { from: null, to: "working" },
      { from: "working", to: "issuer_unavailable" },
    ]);
    const during = replay([{ token: "ok", org: acme }, down, down]).state;
    expect(during).toMatchObject({ status: "issuer_unavailable", code: "server_error", token: "ok", org: "ok" });
    expect(during?.since).toBe("2024-01-02T00:00:00.000Z");
    expect(during?.lastOrg?.name).toBe("ACME Corporation");

    const broke = replay([{ token: "ok" }, down, { token: "invalid_secret" }]);
    expect(broke.changes.at(-1)).toEqual({ from: "working", to: "token_fails" });
    const firstCheck = replay([down, { token: "ok" }]);
    expect(firstCheck.changes).toEqual([
      { from: null, to: "issuer_unavailable" },
      { from: null, to: "working" },
    ]);
  });
});
