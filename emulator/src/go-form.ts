// Go's net/url and net/http parsing rules, which ZITADEL's endpoints inherit; clients notice every difference.

export class EscapeError extends Error {
  override name = "EscapeError";
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** url.QueryUnescape: `+` is a space, `%XX` a byte, any other `%` an error. */
export function queryUnescape(input: string): string {
  const source = Buffer.from(input, "utf8");
  const out: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const byte = source[i]!;
    if (byte === 0x2b) {
      out.push(0x20);
    } else if (byte === 0x25) {
      const hex = source.subarray(i + 1, i + 3).toString("latin1");
      if (!HEX.test(hex)) throw new EscapeError(`invalid URL escape "%${hex}"`);
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(byte);
    }
  }
  return Buffer.from(out).toString("utf8");
}

/** url.Values: the first value of a key wins on Get, as in Go. */
export class FormValues {
  private readonly values = new Map<string, string[]>();

  add(key: string, value: string): void {
    const list = this.values.get(key);
    if (list) list.push(value);
    else this.values.set(key, [value]);
  }

  get(key: string): string {
    return this.values.get(key)?.[0] ?? "";
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Values in insertion order, for re-encoding a body that is forwarded. */
  entries(): [string, string][] {
    return [...this.values].flatMap(([key, list]) => list.map((value): [string, string] => [key, value]));
  }
}

/** url.ParseQuery into `into`; returns the first error but keeps parsing, like Go. */
export function parseQueryInto(into: FormValues, query: string): Error | undefined {
  let firstError: Error | undefined;
  for (const part of query.split("&")) {
    if (part === "") continue;
    if (part.includes(";")) {
      firstError ??= new Error("invalid semicolon separator in query");
      continue;
    }
    const eq = part.indexOf("=");
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    try {
      into.add(queryUnescape(rawKey), queryUnescape(rawValue));
    } catch (error) {
      firstError ??= error as Error;
    }
  }
  return firstError;
}

/** Request.BasicAuth: "Basic " (any case), strict base64, then user:pass split at the first colon. */
export function parseBasicAuth(header: string | undefined): { user: string; pass: string } | undefined {
  const prefix = "basic ";
  if (!header || header.length < prefix.length || header.slice(0, prefix.length).toLowerCase() !== prefix) return undefined;
  const encoded = header.slice(prefix.length);
  if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return undefined;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}
