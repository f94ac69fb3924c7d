import { CredentialTableSkeleton } from "@/components/credentials/credential-table";
import { Skeleton } from "@/components/ui/skeleton";

export default function CredentialsLoading() {
  return (
    <div className="space-y-6">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-9 w-full" />
      <CredentialTableSkeleton />
    </div>
  );
}
