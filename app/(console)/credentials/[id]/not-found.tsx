import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";

export default function CredentialNotFound() {
  return (
    <EmptyState
      headingLevel="h1"
      title="This credential does not exist"
      description="It may have been deleted, or the link is mistyped."
      action={
        <Link href="/credentials" className={buttonClasses("primary")}>
          Back to credentials
        </Link>
      }
    />
  );
}
