import { describe, expect, it } from "vitest";
import { authorityKey, authorityRef } from "./authority-choice";

describe("authority keys", () => {
  it("turns the operator and a provisioner into select values and back into what the API takes", () => {
    expect(authorityRef(authorityKey({ kind: "operator", credentialId: null }))).toEqual({ kind: "operator" });
    const id = "0b7f9c6e-5d1a-4c3e-9f2a-1b2c3d4e5f60";
    expect(authorityKey({ kind: "provisioner", credentialId: id })).toBe(`provisioner:${id}`);
    expect(authorityRef(`provisioner:${id}`)).toEqual({ kind: "provisioner", credentialId: id });
  });

  it("sends nothing for an empty choice or a provisioner without its credential", () => {
    expect(authorityRef("")).toBeNull();
    expect(authorityRef("provisioner:")).toBeNull();
  });
});
