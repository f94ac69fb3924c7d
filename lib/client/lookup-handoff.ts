"use client";

// A token typed into the header's search box reaches /lookup in memory, never in the URL: a URL lands in the
// browser's history and in access logs. The lookup page takes it once and forgets it.

let pending: string | null = null;
const listeners = new Set<() => void>();

export function handOverToken(token: string): void {
  pending = token;
  for (const listener of listeners) listener();
}

export function takeHandedToken(): string | null {
  const token = pending;
  pending = null;
  return token;
}

export function onTokenHandedOver(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
