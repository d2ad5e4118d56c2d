import { env } from "@/lib/config/env";

/** Referwire's invite page for a code; it sends the friend on to the campaign's URL. */
export function referralLink(code: string): string {
  return new URL(`/r/${encodeURIComponent(code)}`, env().APP_URL).toString();
}

export function joinPageLink(campaignId: string): string {
  return new URL(`/join/${campaignId}`, env().APP_URL).toString();
}
