/** A field's validation message; render it always so `aria-describedby` can point at it. */
export function FieldError({ id, messages }: { id: string; messages?: string[] | string | null }) {
  const text = Array.isArray(messages) ? messages[0] : messages;
  if (!text) return null;
  return (
    <p id={id} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
      {text}
    </p>
  );
}
