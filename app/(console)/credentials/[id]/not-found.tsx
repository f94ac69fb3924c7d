import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

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
