import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import { hasAccess } from "@/lib/roles";
import type { CreateShareLink, CreatedShareLink, ShareLinkDto } from "@/lib/schemas/share-links";
import { auditEntry } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, StoreConflictError, StoreNotFoundError, type ShareLinkRow, type ShareSourceType } from "@/lib/server/store";
import { snapshotOf } from "./snapshot";

// Share links: an operator freezes a redacted report behind a random id and hands out the address; the creator or an
// admin revokes it. Only the id's hash is kept, so the store (or a backup of it) cannot open a link.

export const SHARED_PATH = "/shared/";

/** 128 random bits, URL-safe: the link's only secret, shown once. */
function newLinkId(): string {
  return randomBytes(16).toString("base64url");
}

export function hashLinkId(linkId: string): string {
  return createHash("sha256").update(linkId).digest("base64url");
}

export async function createShareLink(context: RequestContext, request: CreateShareLink): Promise<CreatedShareLink> {
  const env = getEnv();
  const snapshot = await snapshotOf(request.sourceType, request.sourceId, context.operator.name);
  const linkId = newLinkId();
  const now = new Date();
  const hours = Math.min(request.expiresInHours, env.SHARE_LINK_MAX_HOURS);
  const id = randomUUID();
  const row = await (
    await getStore()
  ).shareLinks.create(
    {
      id,
      tokenHash: hashLinkId(linkId),
      sourceType: request.sourceType,
      sourceId: request.sourceId,
      title: snapshot.title,
      markdown: snapshot.markdown,
      reportJson: JSON.stringify(snapshot.json),
      createdBy: context.operator.id,
      createdByName: context.operator.name,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    },
    auditEntry(context, "share_link.create", { detail: { linkId: id, source: request.sourceType, sourceId: request.sourceId, hours } }),
  );
  return { link: toShareLinkDto(row, context), url: `${env.APP_ORIGIN}${SHARED_PATH}${linkId}` };
}

export async function listShareLinks(context: RequestContext, sourceType: ShareSourceType, sourceId: string): Promise<ShareLinkDto[]> {
  const rows = await (await getStore()).shareLinks.listForSource(sourceType, sourceId);
  return rows.map((row) => toShareLinkDto(row, context));
}

export async function revokeShareLink(context: RequestContext, id: string): Promise<ShareLinkDto> {
  const store = await getStore();
  const row = await store.shareLinks.get(id);
  if (!row) throw new ApiError("not_found", "No such share link.");
  if (!canRevoke(row, context)) {
    throw new ApiError("forbidden", "Only whoever made this link or an admin can revoke it.", { hint: "Ask its maker or an admin." });
  }
  try {
    const revoked = await store.shareLinks.revoke(
      id,
      context.operator.id,
      auditEntry(context, "share_link.revoke", { detail: { linkId: id } }),
    );
    return toShareLinkDto(revoked, context);
  } catch (error) {
    if (error instanceof StoreConflictError) throw new ApiError("conflict", "This link is already revoked.");
    if (error instanceof StoreNotFoundError) throw new ApiError("not_found", "No such share link.");
    throw error;
  }
}

function canRevoke(row: ShareLinkRow, context: RequestContext): boolean {
  return row.createdBy === context.operator.id || hasAccess(context.operator.role, "admin");
}

function toShareLinkDto(row: ShareLinkRow, context: RequestContext, now = Date.now()): ShareLinkDto {
  const state = row.revokedAt ? "revoked" : Date.parse(row.expiresAt) <= now ? "expired" : "live";
  return {
    id: row.id,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    title: row.title,
    createdBy: { id: row.createdBy, name: row.createdByName },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    state,
    viewCount: row.viewCount,
    lastViewedAt: row.lastViewedAt,
    canRevoke: state !== "revoked" && canRevoke(row, context),
  };
}
