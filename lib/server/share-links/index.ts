import "server-only";

// Share links to a redacted report: make, list and revoke them (operators), and open one (anyone holding it).

export { createShareLink, listShareLinks, revokeShareLink, SHARED_PATH } from "./share-links";
export { viewShareLink, type SharedReport } from "./view-share-link";
