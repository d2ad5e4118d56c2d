import { env } from "@/lib/config/env";

/** Referwire's invite page for a code; it sends the friend on to the campaign's URL. */
export function referralLink(code: string, appUrl = env().APP_URL): string {
  return new URL(`/r/${encodeURIComponent(code)}`, appUrl).toString();
}

export function joinPageLink(campaignId: string, appUrl = env().APP_URL): string {
  return new URL(`/join/${campaignId}`, appUrl).toString();
}
