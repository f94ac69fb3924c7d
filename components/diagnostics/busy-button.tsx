import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

// A button that stays focusable while its action runs: disabling it would drop keyboard focus to the page.

type BusyButtonProps = Omit<ComponentProps<typeof Button>, "isLoading" | "disabled"> & { isBusy: boolean; isBlocked?: boolean };

export function BusyButton({ isBusy, isBlocked = false, onClick, className, children, ...props }: BusyButtonProps) {
  const isInert = isBusy || isBlocked;
  return (
    <Button
      {...props}
      aria-busy={isBusy || undefined}
      aria-disabled={isInert || undefined}
      className={cn("aria-disabled:cursor-progress aria-disabled:opacity-70", className)}
      onClick={(event) => {
        if (!isInert) onClick?.(event);
      }}
    >
      {isBusy ? <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" /> : null}
      {children}
    </Button>
  );
}
