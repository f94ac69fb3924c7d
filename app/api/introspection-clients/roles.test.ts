import { describe, expect, it } from "vitest";
import * as one from "./[id]/route";
import * as list from "./route";
import * as introspect from "../credentials/[id]/introspect/route";

// Only admins see or change introspection clients (they hold an application's secret); an operator may introspect,
// as they may test a token; a viewer may do neither.

describe("introspection routes", () => {
  it("declare admin for the clients and operator for introspecting", () => {
    expect(list.GET.access).toBe("admin");
    expect(list.POST.access).toBe("admin");
    expect(one.DELETE.access).toBe("admin");
    expect(introspect.POST.access).toBe("operator");
  });
});
