"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Input } from "@/components/ui/input";
import { handOverToken } from "@/lib/client/lookup-handoff";
import { classifyLookupQuery } from "@/lib/schemas/lookup";

// One box for support's question, on every page: a client ID, login name or user ID opens /lookup?q=…; a pasted
// token is handed over in memory, so it never enters the URL.
export function HeaderSearch() {
  const router = useRouter();
  const [value, setValue] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = value.trim();
    if (!query) return;
    setValue("");
    if (classifyLookupQuery(query) === "token") {
      handOverToken(query);
      router.push("/lookup");
      return;
    }
    router.push(`/lookup?q=${encodeURIComponent(query)}`);
  }

  return (
    <form role="search" aria-label="Look up" onSubmit={submit} className="w-full sm:w-64">
      <Input
        type="search"
        aria-label="Look up a client ID, user ID or token"
        placeholder="Client ID, user ID or token"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        className="w-full"
      />
    </form>
  );
}
