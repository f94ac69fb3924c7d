// The API's paths that double as SWR keys. Shared by the hooks and by the pages that hand the hooks their first data
// (a server component cannot call into a "use client" module), so both spell every key the same way.

export function credentialUrl(id: string): string {
  return `/api/credentials/${encodeURIComponent(id)}`;
}

/** One credential's recent token tests and org lookups, newest first. */
export function testHistoryUrl(credentialId: string, limit = 20): string {
  return `${credentialUrl(credentialId)}/tests?limit=${limit}`;
}
