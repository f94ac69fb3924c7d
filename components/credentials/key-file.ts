// A ZITADEL key file, read in the browser only to show the operator what they picked: the key id, whose key it is
// and until when. The private key itself is never returned from here; the server parses the file again and decides.

export type KeyFilePreview =
  | { ok: true; type: "serviceaccount"; keyId: string; userId: string; expiresAt: string | null }
  | { ok: true; type: "application"; keyId: string; clientId: string | null }
  | { ok: false; message: string };

/** What a key file says about itself, or why it is not one. */
export function previewKeyFile(text: string): KeyFilePreview {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: "This is not a key file: ZITADEL's key files are JSON." };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: "This is not a key file: ZITADEL's key files are a JSON object." };
  }
  const file = parsed as Record<string, unknown>;
  const keyId = stringField(file.keyId);
  if (file.type === "application") return { ok: true, type: "application", keyId: keyId ?? "—", clientId: stringField(file.clientId) };
  const userId = stringField(file.userId);
  if (!keyId || !userId || !stringField(file.key)) {
    return { ok: false, message: "This JSON lacks keyId, userId or key: download the key again in ZITADEL." };
  }
  const expiry = stringField(file.expirationDate);
  const expiresAt = expiry && !Number.isNaN(Date.parse(expiry)) ? new Date(expiry).toISOString() : null;
  return { ok: true, type: "serviceaccount", keyId, userId, expiresAt };
}

function stringField(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}
