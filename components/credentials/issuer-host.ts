/** The issuer as people say it ("acme.zitadel.cloud"); the stored value itself if it is not a URL. */
export function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}
