import type { StatusChange } from "./index";

// A check of several steps (token test, then org lookup) or a wait of several tries records a status per step; the
// webhook hears only the net change of the whole, once, when it is over: "untested → org fails", never "working"
// first because the token part passed a moment before the org part failed.

export interface HeldChanges {
  /** Give to each step as its `holdAlert`. */
  hold: (change: StatusChange) => void;
  /** The net change of what was held, or null when the series ended where it began. */
  net: () => StatusChange | null;
}

export function holdChanges(): HeldChanges {
  const changes: StatusChange[] = [];
  return {
    hold: (change) => void changes.push(change),
    net: () => {
      const first = changes[0];
      const last = changes.at(-1);
      if (!first || !last || first.from === last.to) return null;
      return { ...last, from: first.from };
    },
  };
}
