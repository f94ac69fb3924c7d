import type { AuditEntry } from "./types";

// Share links to a report: the redacted report as it was when the link was made, found by the hash of the link's id.

export type ShareSourceType = "check" | "run";

export interface ShareLinkRow {
  id: string;
  /** SHA-256 of the link's random id; the id itself is shown once, when the link is made, and kept nowhere. */
  tokenHash: string;
  sourceType: ShareSourceType;
  /** The credential (check) or test-all run (run) the report is of. */
  sourceId: string;
  title: string;
  markdown: string;
  reportJson: string;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  viewCount: number;
  lastViewedAt: string | null;
}

export type NewShareLink = Omit<ShareLinkRow, "revokedAt" | "revokedBy" | "viewCount" | "lastViewedAt">;

export type ShareLinkView = { state: "live"; link: ShareLinkRow } | { state: "gone" } | { state: "unknown" };

export interface ShareLinkStore {
  /** Inserts the link and its audit entry in one transaction. */
  create(link: NewShareLink, audit: AuditEntry): Promise<ShareLinkRow>;
  get(id: string): Promise<ShareLinkRow | null>;
  /** The links made for one report's source, newest first. */
  listForSource(sourceType: ShareSourceType, sourceId: string): Promise<ShareLinkRow[]>;
  /** Counts a view of a link that is neither revoked nor expired at `now` and returns it; "gone" for one that was. */
  view(tokenHash: string, now: Date): Promise<ShareLinkView>;
  /** Revokes a live link with its audit entry; throws StoreNotFoundError, or StoreConflictError("version") when already revoked. */
  revoke(id: string, by: string, audit: AuditEntry): Promise<ShareLinkRow>;
}
