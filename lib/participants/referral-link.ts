import { env } from "@/lib/config/env";

/** Referwire's invite page for a code; it sends the friend on to the campaign's URL. */
export function referralLink(code: string, appUrl = env().APP_URL): string {
  return `${originOf(appUrl)}/r/${encodeURIComponent(code)}`;
}

export function joinPageLink(campaignId: string, appUrl = env().APP_URL): string {
  return `${originOf(appUrl)}/join/${encodeURIComponent(campaignId)}`;
}

// Every event snapshot carries links, and parsing the app's URL for each cost more than the rest
// of the snapshot: the origin is worked out once per URL (in practice, the one APP_URL).
const origins = new Map<string, string>();

function originOf(appUrl: string): string {
  let origin = origins.get(appUrl);
  if (origin === undefined) origins.set(appUrl, (origin = new URL(appUrl).origin));
  return origin;
}
