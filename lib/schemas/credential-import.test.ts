import { describe, expect, it } from "vitest";
import { importCredentialsSchema, incompletePair, parseZitadelSecretText, pastedImportFormat } from "./credential-import";
import { zitadelSecretDialog } from "./credential-import.fixtures";

const SECRET = "6GnTGj1bGBFh4nXt9mHCzRyDUKgl3mwLoJ6ubUmEnwrmmvh8N9D7wExWH0gyBQF3";

describe("parseZitadelSecretText", () => {
  it("reads ZITADEL's dialog copied as one line per value", () => {
    expect(parseZitadelSecretText(`ClientID: my-sa\nClientSecret: ${SECRET}\n`)).toEqual({
      ok: true,
      pairs: [{ clientId: "my-sa", clientSecret: SECRET }],
    });
  });

  it("reads the whole dialog selected with the mouse: labels on their own lines, prose around them", () => {
    const text = [
      "Client Secret",
      "Copy the secret now. You won't be able to retrieve it again. If you lose it, you will have to generate a new one.",
      "ClientId",
      "billing-sa@acme.zitadel.cloud",
      "",
      "ClientSecret",
      `  ${SECRET}  `,
      "Close",
    ].join("\r\n");
    expect(parseZitadelSecretText(text)).toEqual({
      ok: true,
      pairs: [{ clientId: "billing-sa@acme.zitadel.cloud", clientSecret: SECRET }],
    });
  });

  it.each([
    [`Client ID: my-sa\nClient Secret: ${SECRET}`],
    [`client id\tmy-sa\nclient secret\t${SECRET}`],
    [`CLIENT_ID=my-sa\nCLIENT_SECRET=${SECRET}`],
    [`"clientId": "my-sa",\n"clientSecret": "${SECRET}"`],
  ])("accepts other spellings of the labels: %j", (text) => {
    expect(parseZitadelSecretText(text)).toEqual({ ok: true, pairs: [{ clientId: "my-sa", clientSecret: SECRET }] });
  });

  it("reads the v1 API's JSON answer to PUT /management/v1/users/{id}/secret", () => {
    const json = JSON.stringify({ clientId: "my-sa", clientSecret: SECRET, details: { sequence: "12", resourceOwner: "2863" } });
    expect(parseZitadelSecretText(json)).toEqual({ ok: true, pairs: [{ clientId: "my-sa", clientSecret: SECRET }] });
  });

  it("reads two dialogs pasted one below the other as two pairs, in order", () => {
    const text = [...zitadelSecretDialog("acme-reporter", SECRET), "", ...zitadelSecretDialog("globex-sync", `${SECRET}2`)].join("\n");
    expect(parseZitadelSecretText(text)).toEqual({
      ok: true,
      pairs: [
        { clientId: "acme-reporter", clientSecret: SECRET },
        { clientId: "globex-sync", clientSecret: `${SECRET}2` },
      ],
    });
  });

  it("keeps a half pair among several as a pair of its own, so it is reported rather than dropped", () => {
    const text = `ClientId: first-sa\nClientId: second-sa\nClientSecret: ${SECRET}\nClientSecret: orphan-secret`;
    expect(parseZitadelSecretText(text)).toEqual({
      ok: true,
      pairs: [{ clientId: "first-sa" }, { clientId: "second-sa", clientSecret: SECRET }, { clientSecret: "orphan-secret" }],
    });
    expect(incompletePair({ clientId: "first-sa" })).toContain("No ClientSecret found for first-sa");
    expect(incompletePair({ clientSecret: "orphan-secret" })).toContain("no ClientId");
    expect(incompletePair({ clientId: "x", clientSecret: "y" })).toBeNull();
  });

  it("reads a JSON list of the API's answers as several pairs", () => {
    const json = JSON.stringify([
      { clientId: "a-sa", clientSecret: SECRET },
      { client_id: "b-sa", client_secret: SECRET },
    ]);
    expect(parseZitadelSecretText(json)).toEqual({
      ok: true,
      pairs: [
        { clientId: "a-sa", clientSecret: SECRET },
        { clientId: "b-sa", clientSecret: SECRET },
      ],
    });
  });

  it.each([
    ["", "Paste the ClientId"],
    ["ClientId: my-sa", "No ClientSecret"],
    [`ClientSecret: ${SECRET}`, "No ClientId"],
    ["ClientId\nthe service user's name\nClientSecret\nClose dialog", "No ClientId"],
    ['{"clientId": "my-sa", ', "cannot be read"],
    ['{"clientId": 12, "clientSecret": true}', "no clientId and clientSecret"],
    ["ClientIdentifier:abc\nClientSecret: x", "No ClientId"],
  ])("explains what is missing in %j", (text, message) => {
    const result = parseZitadelSecretText(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });
});

describe("importCredentialsSchema", () => {
  const base = { format: "zitadel", label: "Billing", issuer: "https://acme.zitadel.cloud/" } as const;

  it("turns a pasted dialog into a credential body", () => {
    const parsed = importCredentialsSchema.parse({ ...base, text: `ClientId: my-sa\nClientSecret: ${SECRET}` });
    expect(parsed).toMatchObject({
      format: "zitadel",
      issuer: "https://acme.zitadel.cloud",
      text: [{ clientId: "my-sa", clientSecret: SECRET }],
    });
  });

  it("takes several pasted pairs, leaving each pair's own problems to its row", () => {
    const parsed = importCredentialsSchema.parse({ ...base, text: `ClientId: a-sa\nClientSecret: ${SECRET}\nClientId: 12` });
    expect(parsed).toMatchObject({ text: [{ clientId: "a-sa", clientSecret: SECRET }, { clientId: "12" }] });
  });

  it("reports an unreadable paste as an error on the text field", () => {
    const result = importCredentialsSchema.safeParse({ ...base, text: "hello" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["text"]);
  });

  it("refuses pasted text, CSV and notes that are not well-formed Unicode, naming the field", () => {
    const paste = importCredentialsSchema.safeParse({ ...base, text: `ClientId: my-sa\nClientSecret: \ud800${SECRET}` });
    expect(paste.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["text", "The pasted text contains a broken character (half of a UTF-16 surrogate pair); type or paste it again."],
    ]);
    const notes = importCredentialsSchema.safeParse({ ...base, notes: "\udfff", text: `ClientId: my-sa\nClientSecret: ${SECRET}` });
    expect(notes.error?.issues[0]?.path).toEqual(["notes"]);
    const csv = importCredentialsSchema.safeParse({
      format: "csv",
      text: "label,issuer,clientId,clientSecret\nx,https://a.example,sa,\ud800secret",
    });
    expect(csv.error?.issues[0]?.message).toContain("The CSV file contains a broken character");
  });

  it("needs a known format", () => {
    expect(importCredentialsSchema.safeParse({ format: "xml", text: "x" }).success).toBe(false);
    expect(importCredentialsSchema.parse({ format: "csv", text: "a,b" })).toEqual({ format: "csv", text: "a,b" });
  });
});

describe("pastedImportFormat", () => {
  it("tells CSV text, our JSON export and ZITADEL's dialog apart", () => {
    expect(pastedImportFormat(`ClientId: my-sa\nClientSecret: ${SECRET}`)).toBe("zitadel");
    expect(pastedImportFormat(JSON.stringify({ clientId: "my-sa", clientSecret: SECRET }))).toBe("zitadel");
    expect(pastedImportFormat(`\n label, Issuer ,clientId,clientSecret\nx,https://a.example,sa,${SECRET}`)).toBe("csv");
    expect(pastedImportFormat(`"label";"issuer"`)).toBe("zitadel");
    expect(pastedImportFormat(JSON.stringify({ exportedAt: "2026-01-01", items: [] }))).toBe("json");
  });
});
