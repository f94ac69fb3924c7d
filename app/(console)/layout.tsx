import { redirect } from "next/navigation";
import { AppHeader } from "@/components/shell/app-header";
import { MAIN_CONTENT_ID } from "@/components/shell/main-content";
import { MeProvider } from "@/components/shell/me-provider";
import { NoRole } from "@/components/shell/no-role";
import { ErrorState } from "@/components/ui/error-state";
import { getOperator, type Operator } from "@/lib/server/auth";
import { storeUnreachable } from "@/lib/server/route";
import { isStoreUnavailable } from "@/lib/server/store";

// The signed-in area: every page below renders only for an operator with a session and a role. Someone ZITADEL let
// in without a role sees who they are and how to get one, and no console page at all.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const operator = await getOperatorUnlessStoreDown();
  if (operator === STORE_DOWN) return <StoreDown />;
  if (!operator) redirect("/login");
  // Only what the header and the role checks need: never the session's hash or the rest of the server's record.
  const me = { name: operator.name, login: operator.login, email: operator.email, role: operator.role };
  return (
    <MeProvider me={me}>
      <div className="min-h-screen">
        <AppHeader />
        <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          {operator.role ? children : <NoRole />}
        </main>
      </div>
    </MeProvider>
  );
}

const STORE_DOWN = Symbol("store down");

async function getOperatorUnlessStoreDown(): Promise<Operator | null | typeof STORE_DOWN> {
  try {
    return await getOperator();
  } catch (error) {
    if (isStoreUnavailable(error)) return STORE_DOWN;
    throw error;
  }
}

// The API answers 503 with this explanation while the database is busy or unreachable; pages say the same.
function StoreDown() {
  return (
    <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <ErrorState error={storeUnreachable()} title="M2M Console cannot be used right now" />
    </main>
  );
}
