import { Alert } from "@/components/ui/alert";
import { ApiError } from "@/lib/api-error";

/** A ZITADEL action the API refused or that never arrived: the API's own words and hint, else `fallback`. */
export function ActionFailure({ error, fallback }: { error: unknown; fallback: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <Alert tone="danger" title={apiError ? apiError.message : fallback}>
      {apiError?.hint ?? null}
    </Alert>
  );
}
