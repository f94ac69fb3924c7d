import type { Metadata } from "next";
import { OperatorsList } from "@/components/operators/operators-list";
import { RequireRole } from "@/components/shell/require-role";

export const metadata: Metadata = { title: "Operators" };

export default function OperatorsPage() {
  return (
    <RequireRole role="admin" what="The operators page">
      <OperatorsList />
    </RequireRole>
  );
}
