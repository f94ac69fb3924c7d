import { redirect } from "next/navigation";
import { AppHeader, MAIN_CONTENT_ID } from "@/components/shell/app-header";
import { getOperator } from "@/lib/server/auth";

// The signed-in area: every page below renders only for an operator with a session.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const operator = await getOperator();
  if (!operator) redirect("/login");
  return (
    <div className="min-h-screen">
      <AppHeader operator={operator} />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
