import type { Metadata } from "next";
import { TokenLookup } from "@/components/lookup/token-lookup";

export const metadata: Metadata = { title: "Look up a token" };

export default function LookupPage() {
  return <TokenLookup />;
}
