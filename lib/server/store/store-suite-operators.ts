import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEntry } from "./testing/fixtures";
import { StoreConflictError, type SignIn, type Store } from "./types";

// Operators and sessions on both databases: a sign-in opens a session, a revoked or expired one is gone, an admin's
// change is compare-and-set and audited.

function signIn(overrides: Partial<SignIn["operator"]> = {}, expiresInMs = 3_600_000): SignIn {
  return {
    operator: {
      id: randomUUID(),
      login: "oscar",
      name: "Oscar Operator",
      email: "oscar@example.com",
      signInRole: "operator",
      roleSource: "zitadel",
      ...overrides,
    },
    session: {
      idHash: randomBytes(16).toString("hex"),
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      idTokenEnvelope: null,
    },
  };
}

export function describeOperatorSuite(getStore: () => Store): void {
  describe("operators and sessions", () => {
    it("opens a session at sign-in and finds it while it is live", async () => {
      const store = getStore();
      const first = signIn();
      const row = await store.operators.recordSignIn(first, auditEntry("login.success", { actor: first.operator.id }));
      expect(row).toMatchObject({ id: first.operator.id, signInRole: "operator", roleCap: null, isDisabled: false, version: 1 });
      expect(row.lastSignInAt).not.toBeNull();
      const live = await store.operators.getLiveSession(first.session.idHash);
      expect(live?.operator.id).toBe(first.operator.id);

      // Signing in again updates the operator (new role from the claims) and keeps an admin's cap.
      const again = signIn({ ...first.operator, signInRole: "admin" });
      const updated = await store.operators.recordSignIn(again, auditEntry("login.success"));
      expect(updated).toMatchObject({ signInRole: "admin", version: 1 });
      expect((await store.operators.listOperators()).some((operator) => operator.id === first.operator.id)).toBe(true);
    });

    it("ends a session once, and never finds a revoked or expired one", async () => {
      const store = getStore();
      const live = signIn();
      await store.operators.recordSignIn(live, auditEntry("login.success"));
      expect(await store.operators.revokeSession(live.session.idHash)).toMatchObject({ idHash: live.session.idHash });
      expect(await store.operators.revokeSession(live.session.idHash)).toBeNull();
      expect(await store.operators.getLiveSession(live.session.idHash)).toBeNull();

      const expired = signIn({}, -1000);
      await store.operators.recordSignIn(expired, auditEntry("login.success"));
      expect(await store.operators.getLiveSession(expired.session.idHash)).toBeNull();
      expect(await store.operators.getLiveSession("no-such-session")).toBeNull();
    });

    it("caps or disables an operator only at the version the admin saw, with an audit row", async () => {
      const store = getStore();
      const target = signIn();
      await store.operators.recordSignIn(target, auditEntry("login.success"));
      const capped = await store.operators.updateOperator(
        target.operator.id,
        1,
        { roleCap: "viewer", updatedBy: "Ada" },
        auditEntry("operator.update"),
      );
      expect(capped).toMatchObject({ roleCap: "viewer", isDisabled: false, updatedBy: "Ada", version: 2 });
      await expect(
        store.operators.updateOperator(target.operator.id, 1, { isDisabled: true, updatedBy: "Ada" }, auditEntry("operator.update")),
      ).rejects.toBeInstanceOf(StoreConflictError);
      const disabled = await store.operators.updateOperator(
        target.operator.id,
        2,
        { isDisabled: true, updatedBy: "Ada" },
        auditEntry("operator.update"),
      );
      expect(disabled).toMatchObject({ roleCap: "viewer", isDisabled: true, version: 3 });
      const audit = await store.audit.list({ action: "operator.update" });
      expect(audit.total).toBeGreaterThanOrEqual(2);
    });

    it("disabling ends every session of the operator at once, and enabling again revives none of them", async () => {
      const store = getStore();
      const first = signIn();
      const second = signIn({ ...first.operator });
      const bystander = signIn();
      for (const each of [first, second, bystander]) await store.operators.recordSignIn(each, auditEntry("login.success"));
      expect(await store.operators.countLiveSessions()).toMatchObject({ [first.operator.id]: 2, [bystander.operator.id]: 1 });

      const id = first.operator.id;
      await store.operators.updateOperator(id, 1, { isDisabled: true, updatedBy: "Ada" }, auditEntry("operator.update"));
      expect(await store.operators.getLiveSession(first.session.idHash)).toBeNull();
      expect(await store.operators.getLiveSession(second.session.idHash)).toBeNull();
      expect(await store.operators.getLiveSession(bystander.session.idHash)).not.toBeNull();
      await store.operators.updateOperator(id, 2, { isDisabled: false, updatedBy: "Ada" }, auditEntry("operator.update"));
      expect(await store.operators.getLiveSession(first.session.idHash)).toBeNull();
      expect(await store.operators.listLiveSessions(id)).toEqual([]);
    });

    it("capping ends the operator's sessions; lifting the cap ends none", async () => {
      const store = getStore();
      const target = signIn();
      await store.operators.recordSignIn(target, auditEntry("login.success"));
      const id = target.operator.id;
      await store.operators.updateOperator(id, 1, { roleCap: "viewer", updatedBy: "Ada" }, auditEntry("operator.update"));
      expect(await store.operators.getLiveSession(target.session.idHash)).toBeNull();
      const again = signIn({ ...target.operator });
      await store.operators.recordSignIn(again, auditEntry("login.success"));
      await store.operators.updateOperator(id, 2, { roleCap: null, updatedBy: "Ada" }, auditEntry("operator.update"));
      expect(await store.operators.getLiveSession(again.session.idHash)).not.toBeNull();
    });

    it("a sign-in with another role from ZITADEL ends the operator's older sessions; the same role keeps them", async () => {
      const store = getStore();
      const first = signIn();
      await store.operators.recordSignIn(first, auditEntry("login.success"));
      const sameRole = signIn({ ...first.operator });
      await store.operators.recordSignIn(sameRole, auditEntry("login.success"));
      expect(await store.operators.getLiveSession(first.session.idHash)).not.toBeNull();

      const demoted = signIn({ ...first.operator, signInRole: "viewer" });
      await store.operators.recordSignIn(demoted, auditEntry("login.success"));
      expect(await store.operators.getLiveSession(first.session.idHash)).toBeNull();
      expect(await store.operators.getLiveSession(sameRole.session.idHash)).toBeNull();
      expect((await store.operators.getLiveSession(demoted.session.idHash))?.operator.signInRole).toBe("viewer");
    });

    it("an admin ends all of an operator's sessions with one audit row that counts them", async () => {
      const store = getStore();
      const first = signIn();
      const second = signIn({ ...first.operator });
      for (const each of [first, second]) await store.operators.recordSignIn(each, auditEntry("login.success"));
      const audit = auditEntry("operator.sessions_end", { detail: { operatorId: first.operator.id } });
      expect(await store.operators.revokeOperatorSessions(first.operator.id, audit)).toBe(2);
      expect(await store.operators.listLiveSessions(first.operator.id)).toEqual([]);
      const rows = await store.audit.list({ action: "operator.sessions_end" });
      expect(rows.items.find((row) => row.detail?.operatorId === first.operator.id)?.detail).toMatchObject({ ended: 2 });
    });

    it("records a machine from its token's claims, keeps an admin's block, never turns a person into one, and names its kind in the audit log", async () => {
      const store = getStore();
      const id = randomUUID();
      const sighting = {
        id,
        login: "console-ci-viewer",
        name: "console-ci-viewer",
        org: "ACME Corporation",
        signInRole: "viewer" as const,
      };
      const first = await store.operators.recordMachine(sighting);
      expect(first).toMatchObject({
        kind: "machine",
        org: "ACME Corporation",
        signInRole: "viewer",
        roleSource: "zitadel",
        isDisabled: false,
      });
      expect(first?.lastSeenAt).not.toBeNull();
      expect(first?.lastSignInAt).toBeNull();

      const disabled = await store.operators.updateOperator(id, 1, { isDisabled: true, updatedBy: "Ada" }, auditEntry("operator.update"));
      expect(await store.operators.recordMachine({ ...sighting, signInRole: "operator" })).toMatchObject({
        isDisabled: true,
        signInRole: "operator",
        version: disabled.version,
      });

      const person = signIn();
      await store.operators.recordSignIn(person, auditEntry("login.success", { actor: person.operator.id }));
      expect(await store.operators.recordMachine({ ...sighting, id: person.operator.id })).toBeNull();
      expect(await store.operators.getOperator(person.operator.id)).toMatchObject({ kind: "person", name: "Oscar Operator" });

      await store.audit.append(auditEntry("credential.create", { actor: id, actorName: "console-ci-viewer" }));
      const [machineRow] = (await store.audit.list({ actor: id, limit: 1, cursor: null })).items;
      expect(machineRow?.actorKind).toBe("machine");
      const [personRow] = (await store.audit.list({ actor: person.operator.id, limit: 1, cursor: null })).items;
      expect(personRow?.actorKind).toBe("person");
    });
  });
}
