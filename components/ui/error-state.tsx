import Link from "next/link";
import { ApiError } from "@/lib/api-error";
import { Alert } from "./alert";
import { Button, buttonClasses } from "./button";

/** What went wrong loading data, in the API's words, with a way forward. */
export function ErrorState({
  error,
  onRetry,
  title = "This could not be loaded",
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const apiError = error instanceof ApiError ? error : null;
  const isSignedOut = apiError?.status === 401;
  // A refusal by a rate limit says how long to wait, from the answer's retryAfterSeconds.
  const hint = apiError?.retryAfterSeconds !== undefined ? `Try again in ${apiError.retryAfterSeconds} s.` : apiError?.hint;
  return (
    <Alert
      tone="danger"
      title={isSignedOut ? "Your session has ended" : title}
      action={
        isSignedOut ? (
          <Link href="/login" className={buttonClasses("secondary", "sm")}>
            Sign in again
          </Link>
        ) : onRetry ? (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : null
      }
    >
      <p>{apiError ? apiError.message : "Something went wrong. Check your connection and try again."}</p>
      {hint ? <p className="mt-1">{hint}</p> : null}
      {apiError?.requestId ? <p className="mt-1 font-mono text-xs opacity-70">Request {apiError.requestId}</p> : null}
    </Alert>
  );
}
