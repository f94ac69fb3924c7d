"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// A client-side navigation leaves focus on <body> (or on the link that was clicked), so a keyboard or screen-reader
// user starts over from the top and hears nothing of the new page. After each navigation, focus the new page's main
// heading instead. Its content may still be loading, so wait for the heading to appear.

const WAIT_FOR_HEADING_MS = 5_000;

export function RouteFocus() {
  const pathname = usePathname();
  const shownPathname = useRef(pathname);

  useEffect(() => {
    // A full page load already starts at the top of the document; only client-side navigations need help.
    // (Compared with the last path rather than "first run", so React running effects twice in development is no navigation.)
    if (shownPathname.current === pathname) return;
    shownPathname.current = pathname;
    const focusHeading = (): boolean => {
      const heading = document.querySelector<HTMLElement>("main h1");
      if (!heading) return false;
      // Someone who already started typing into the new page keeps their place.
      const active = document.activeElement;
      if (active && active !== document.body && active.closest("main") && active.matches("input, textarea, select")) return true;
      if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), WAIT_FOR_HEADING_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [pathname]);

  return null;
}
