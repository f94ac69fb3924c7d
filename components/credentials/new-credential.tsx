"use client";

import { useRouter } from "next/navigation";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import { CredentialForm } from "./credential-form";
import { toCreateInput } from "./credential-form-values";

export function NewCredential() {
  const router = useRouter();
  const { create } = useCredentialMutations();
  return (
    <CredentialForm
      mode="create"
      cancelHref="/credentials"
      onSubmit={async (values) => {
        const credential = await create(toCreateInput(values));
        router.push(`/credentials/${credential.id}?saved=created`);
      }}
    />
  );
}
