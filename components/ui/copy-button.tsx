"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";

type CopyState = "idle" | "copied" | "failed";

/** Copies a value with the async Clipboard API and says so to screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center">
      <Button variant="ghost" size="sm" onClick={() => void copy()} aria-label={label} title={label}>
        <CopyIcon />
        <span className="text-xs">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}</span>
      </Button>
      <span aria-live="polite" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy to the clipboard" : ""}
      </span>
    </span>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 5.5v-2a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
    </svg>
  );
}
