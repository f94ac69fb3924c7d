"use client";

import { useEffect, useState } from "react";
import { onTokenHandedOver, takeHandedToken } from "@/lib/client/lookup-handoff";
import { classifyLookupQuery } from "@/lib/schemas/lookup";
import { TokenLookup } from "./token-lookup";
import { UserLookup } from "./user-lookup";

// /lookup decides what a query is: a token goes to the token lookup, a numeric id or a name to the user lookup.
// A token never arrives in `q` from the console itself (the header hands it over in memory), but a typed URL may hold one.

export function LookupPage({ query }: { query: string | null }) {
  const fromUrl = query && classifyLookupQuery(query) === "token" ? query : null;
  const [handed, setHanded] = useState<{ token: string; turn: number } | null>(fromUrl ? { token: fromUrl, turn: 0 } : null);

  useEffect(() => {
    const take = () => {
      const token = takeHandedToken();
      if (token) setHanded((last) => ({ token, turn: (last?.turn ?? 0) + 1 }));
    };
    take();
    return onTokenHandedOver(take);
  }, []);

  const handOver = (token: string) => setHanded((last) => ({ token, turn: (last?.turn ?? 0) + 1 }));
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Look up</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Support&apos;s question without the secret: whose is this client ID, user ID or token, and why does its call fail?
        </p>
      </header>
      <UserLookup initialQuery={query && !fromUrl ? query : null} onToken={handOver} />
      <TokenLookup key={handed?.turn ?? "none"} initialToken={handed?.token ?? null} />
    </div>
  );
}
