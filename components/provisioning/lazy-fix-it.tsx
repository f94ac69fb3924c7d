"use client";

import dynamic from "next/dynamic";

// "Fix it for me" (its form, the authorities it offers, the action it runs) loads with the first diagnosis that can
// show it: a credential that works never needs it.
export const FixItForMe = dynamic(() => import("./fix-it").then((loaded) => loaded.FixItForMe));
