import { describe, expect, it } from "vitest";
import { createSharedFlight } from "./shared-flight";

function deferred() {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((done) => (resolve = done));
  return { promise, resolve };
}

describe("createSharedFlight", () => {
  it("runs once for concurrent callers of one key", async () => {
    const flight = createSharedFlight<string>();
    let runs = 0;
    const gate = deferred();
    const run = () => {
      runs += 1;
      return gate.promise;
    };
    const all = Promise.all([flight("k", run), flight("k", run), flight("k", run)]);
    gate.resolve("token");
    expect(await all).toEqual(["token", "token", "token"]);
    expect(runs).toBe(1);
    await flight("k", async () => "again");
    expect(runs).toBe(1);
  });

  it("keeps running for the others when one caller goes away, and cancels when the last one does", async () => {
    const flight = createSharedFlight<string>();
    const gate = deferred();
    let runSignal: AbortSignal | undefined;
    const run = (signal: AbortSignal) => {
      runSignal = signal;
      return gate.promise;
    };
    const [a, b] = [new AbortController(), new AbortController()];
    const first = flight("k", run, a.signal);
    const second = flight("k", run, b.signal);
    a.abort();
    await expect(first).rejects.toMatchObject({ kind: "aborted" });
    expect(runSignal?.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toMatchObject({ kind: "aborted" });
    expect(runSignal?.aborted).toBe(true);
    gate.resolve("late");
    expect(await flight("k", async () => "new run")).toBe("new run");
  });
});
