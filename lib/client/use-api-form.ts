"use client";

import { useState, type FormEvent } from "react";
import { get, useForm, type FieldPath, type FieldValues, type UseFormProps } from "react-hook-form";
import { ApiError } from "@/lib/api-error";

// Every form that saves through the API: react-hook-form holds the values and checks them inline (with a resolver
// over the route handler's own zod schema); this adds the saving state and the API's refusal, placed on the fields it
// names, with the whole ApiError kept for the form to say what no field shows.

interface ApiFormOptions<TValues extends FieldValues, TOutput> extends UseFormProps<TValues, unknown, TOutput> {
  /** What the form says when no answer from the API came back (offline, or an answer that could not be read). */
  fallback: { message: string; hint?: string };
}

export function useApiForm<TValues extends FieldValues, TOutput = TValues>({ fallback, ...options }: ApiFormOptions<TValues, TOutput>) {
  const form = useForm<TValues, unknown, TOutput>(options);
  const [failure, setFailure] = useState<ApiError | null>(null);

  function placeOnFields(error: ApiError) {
    // In the form's own field order, so focus goes to the first field the API refused.
    const names = Object.keys(form.getValues()) as FieldPath<TValues>[];
    let shouldFocus = true;
    for (const name of names) {
      const message = messagesUnder(error.fields, name)[0];
      if (!message) continue;
      form.setError(name, { type: "server", message }, { shouldFocus });
      shouldFocus = false;
    }
  }

  /** An onSubmit handler: forgets the last refusal, validates, then sends; a refusal lands on fields and in `failure`. */
  function submitWith(send: (values: TOutput) => Promise<void>) {
    const submit = form.handleSubmit(async (values) => {
      try {
        await send(values);
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError("network", fallback.message, { hint: fallback.hint });
        placeOnFields(apiError);
        setFailure(apiError);
      }
    });
    return (event: FormEvent) => {
      setFailure(null);
      void submit(event);
    };
  }

  return {
    ...form,
    failure,
    clearFailure: () => setFailure(null),
    isSaving: form.formState.isSubmitting,
    submitWith,
    /** The message under a field: its own, or the first of its items' (a tag list's "tags.2"). */
    errorFor: (name: FieldPath<TValues>) => firstMessage(get(form.formState.errors, name)),
  };
}

/** The API keys messages by dotted path ("tags.2"); a field owns every path under its name. */
function messagesUnder(fields: Record<string, string[]> | undefined, name: string): string[] {
  return Object.entries(fields ?? {})
    .filter(([path]) => path === name || path.startsWith(`${name}.`))
    .flatMap(([, messages]) => messages);
}

function firstMessage(error: unknown): string | undefined {
  if (Array.isArray(error)) return error.map(firstMessage).find(Boolean);
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message ? message : undefined;
}
