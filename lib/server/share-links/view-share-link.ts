import "server-only";
import { getStore } from "@/lib/server/store";
import { hashLinkId } from "./share-links";

// Opening a share link, for anyone holding it: the frozen report while the link lives (the view counted), else gone.

export type SharedReport = { state: "live"; title: string; markdown: string; expiresAt: string } | { state: "gone" } | { state: "unknown" };

const LINK_ID = /^[A-Za-z0-9_-]{22}$/;

export async function viewShareLink(linkId: string, now = new Date()): Promise<SharedReport> {
  if (!LINK_ID.test(linkId)) return { state: "unknown" };
  const view = await (await getStore()).shareLinks.view(hashLinkId(linkId), now);
  if (view.state !== "live") return view;
  return { state: "live", title: view.link.title, markdown: view.link.markdown, expiresAt: view.link.expiresAt };
}
