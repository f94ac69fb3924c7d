import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="text-2xl font-semibold">This page does not exist</h1>
      <p className="text-zinc-600 dark:text-zinc-400">The link may be old, or the credential was deleted.</p>
      <Link href="/credentials" className="mt-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Back to credentials
      </Link>
    </main>
  );
}
