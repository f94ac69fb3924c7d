"use client";

import type { ReactNode } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import { ApiError } from "@/lib/api-error";
import { ME_URL, type SignedIn } from "@/lib/client/use-me";

// The signed-in operator, known to the server when it drew the layout, is every useMe()'s first answer. A 403 from
// any request means the role changed under this page: ask /api/me again so the buttons follow.
export function MeProvider({ me, children }: { me: SignedIn; children: ReactNode }) {
  const { mutate } = useSWRConfig();
  return (
    <SWRConfig
      value={{
        fallback: { [ME_URL]: me },
        onError: (error: unknown, key: string) => {
          if (key !== ME_URL && error instanceof ApiError && error.code === "forbidden") void mutate(ME_URL);
        },
      }}
    >
      {children}
    </SWRConfig>
  );
}
