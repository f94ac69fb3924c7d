"use client";

export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950">
      <h2 className="font-semibold text-red-900 dark:text-red-100">This page could not be shown</h2>
      <p className="mt-1 text-sm text-red-800 dark:text-red-200">Nothing was lost. Try again in a moment.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-600"
      >
        Try again
      </button>
    </div>
  );
}
