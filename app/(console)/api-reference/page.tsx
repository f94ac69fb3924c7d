import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference/api-reference";

export const metadata: Metadata = { title: "API reference" };

// Any operator with a role may read it: the layout shows console pages only to them.
export default function ApiReferencePage() {
  return <ApiReference />;
}
