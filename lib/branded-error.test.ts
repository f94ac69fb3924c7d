import { describe, expect, it } from "vitest";
import { brandedError } from "./branded-error";

describe("an error class known across module copies", () => {
  class Gone extends brandedError("Gone") {}
  // What a second route bundle's copy of the same module defines.
  class GoneCopy extends brandedError("Gone") {}
  class Other extends brandedError("Other") {}

  it("is recognised by its name whichever copy threw it", () => {
    expect(new GoneCopy("x") instanceof Gone).toBe(true);
    expect(new Gone("x") instanceof GoneCopy).toBe(true);
  });

  it("is not mistaken for another error, a plain Error or a look-alike object", () => {
    expect(new Other("x") instanceof Gone).toBe(false);
    expect(new Error("x") instanceof Gone).toBe(false);
    expect({ name: "Gone", message: "x" } instanceof Gone).toBe(false);
    expect((null as unknown) instanceof Gone).toBe(false);
  });

  it("keeps its name, message, cause and the Error prototype", () => {
    const cause = new Error("root");
    const error = new Gone("not here", { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "Gone", message: "not here", cause });
  });
});
