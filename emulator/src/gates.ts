// Token requests held until a test releases them: a run that must still be going when a test acts on it stays
// going however fast the machine is. Test-only, set over /__emulator/gates.

interface Waiter {
  clientId: string;
  resolve: (passed: boolean) => void;
}

export class Gates {
  private readonly closed = new Set<string>();
  private readonly waiting = new Set<Waiter>();

  /** Holds every token request whose client id starts with `prefix` until `open(prefix)`. */
  close(prefix: string): void {
    this.closed.add(prefix);
  }

  /** Lets held and future requests of `prefix` through; answers how many were waiting. */
  open(prefix: string): number {
    this.closed.delete(prefix);
    let released = 0;
    for (const waiter of this.waiting) {
      if (this.isClosed(waiter.clientId)) continue;
      this.waiting.delete(waiter);
      waiter.resolve(true);
      released += 1;
    }
    return released;
  }

  /** Resolves true when the request may go on, false when its client left (or the emulator closed) first. */
  pass(clientId: string | undefined, signal: AbortSignal): Promise<boolean> {
    if (clientId === undefined || !this.isClosed(clientId)) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        clientId,
        resolve: (passed) => {
          signal.removeEventListener("abort", onAbort);
          resolve(passed);
        },
      };
      const onAbort = () => {
        this.waiting.delete(waiter);
        resolve(false);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.add(waiter);
    });
  }

  snapshot(): { closed: string[]; waiting: number } {
    return { closed: [...this.closed], waiting: this.waiting.size };
  }

  private isClosed(clientId: string): boolean {
    for (const prefix of this.closed) if (clientId.startsWith(prefix)) return true;
    return false;
  }
}
