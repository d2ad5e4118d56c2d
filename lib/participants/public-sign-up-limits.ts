import type { Db } from "@/db/client";
import { fail, type Failure } from "@/lib/errors/result";
import { clientNetwork } from "@/lib/http/client-address";
import { countHit, tryAgainIn, type RateLimit } from "@/lib/rate-limit/count-hit";

/**
 * Sign-ups through the public join page and referral links from one network, whatever the
 * campaign: a person joins once or twice, a script joins hundreds. People behind one address
 * (an office, a mobile carrier's NAT) share it.
 */
export const PUBLIC_SIGN_UPS_PER_ADDRESS: RateLimit = { limit: 10, windowMs: 10 * 60_000 };
/**
 * Sign-ups into one campaign from everywhere: each one fans out to the campaign's webhooks, so
 * this bounds how fast a script on many addresses can fill a customer's CRM (one a second on
 * average), well above what a launch brings.
 */
export const PUBLIC_SIGN_UPS_PER_CAMPAIGN: RateLimit = { limit: 600, windowMs: 10 * 60_000 };

/**
 * Counts one public sign-up against its network and its campaign, before anything is written.
 * A network over its limit is refused without touching the campaign's count, so one address
 * cannot spend the campaign's allowance. Null means admitted.
 */
export async function admitPublicSignUp(
  db: Db,
  campaignId: string,
  address: string | null,
  now = Date.now(),
): Promise<Failure | null> {
  const network = await countHit(db, `public-sign-up:ip:${clientNetwork(address)}`, PUBLIC_SIGN_UPS_PER_ADDRESS, now);
  if (network.limited)
    return fail("throttled", `Too many sign-ups from your network. ${tryAgainIn(network.retryAfterSeconds)}`);
  const campaign = await countHit(db, `public-sign-up:campaign:${campaignId}`, PUBLIC_SIGN_UPS_PER_CAMPAIGN, now);
  if (campaign.limited)
    return fail(
      "throttled",
      `This campaign is taking more sign-ups than usual. ${tryAgainIn(campaign.retryAfterSeconds)}`,
    );
  return null;
}
