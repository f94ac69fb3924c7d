import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { setTestEnv } from "@/lib/server/http/testing";
import { checkAnswer } from "./responses";

// Outside production a route's answer is held to what it declares: a drifted DTO fails the tests that reach it.

const declared = { 200: z.object({ tags: z.array(z.string()) }), 204: null };

beforeAll(() => setTestEnv());

describe("checkAnswer", () => {
  it("passes an answer its schema describes, and an empty 204", async () => {
    await expect(checkAnswer(Response.json({ tags: ["prod"] }), declared)).resolves.toBeUndefined();
    await expect(checkAnswer(new Response(null, { status: 204 }), declared)).resolves.toBeUndefined();
  });

  it("fails an answer that does not match, naming the field", async () => {
    await expect(checkAnswer(Response.json({ tags: [1] }), declared)).rejects.toThrow("tags.0");
  });

  it("fails a status the route does not declare, but leaves errors to the one error shape", async () => {
    await expect(checkAnswer(Response.json({ tags: [] }, { status: 201 }), declared)).rejects.toThrow("201");
    await expect(checkAnswer(Response.json({ error: { code: "conflict" } }, { status: 409 }), declared)).resolves.toBeUndefined();
  });
});
