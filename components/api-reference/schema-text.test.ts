import { describe, expect, it } from "vitest";
import { describeSchema } from "./schema-text";

describe("describeSchema", () => {
  it("says a parameter's type, limits and default in a few words", () => {
    expect(describeSchema({ type: "integer", minimum: 1, maximum: 100, default: 20 })).toBe("integer, 1–100, default 20");
    expect(describeSchema({ type: "string", maxLength: 200 })).toBe("string, at most 200 characters");
    expect(describeSchema({ type: "string", enum: ["json", "csv"], default: "json" })).toBe('one of "json", "csv", default "json"');
    expect(describeSchema({ type: "string", format: "uuid" })).toBe("string (uuid)");
    expect(describeSchema({ anyOf: [{ type: "string", format: "uuid" }, { const: "operator" }] })).toBe('string (uuid) or "operator"');
  });
});
