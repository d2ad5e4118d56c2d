import "server-only";
import { env } from "@/lib/config/env";
import { signValue, verifySignedValue } from "@/lib/crypto/sign-value";

/**
 * The public pages show a person's referral link or code again only to the browser that joined
 * as them. That browser holds this cookie: the ids of the participants it became, signed, so it
 * cannot be written by hand or copied from one person to another.
 */
export const JOINED_COOKIE = "referwire_joined";
const PURPOSE = "joined-cookie";
/** The most recent participants a browser remembers; older ones fall off. */
export const JOINED_COOKIE_MAX_IDS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The participant ids a cookie names; an absent, altered or forged cookie names none. */
export function readJoinedCookie(value: string | undefined): string[] {
  const ids = value ? verifySignedValue(value, PURPOSE) : null;
  return ids ? ids.split(",").filter((id) => UUID.test(id)) : [];
}

/** The cookie after this browser joined as `participantId`. */
export function joinedCookie(previous: readonly string[], participantId: string) {
  const ids = [...previous.filter((id) => id !== participantId), participantId].slice(-JOINED_COOKIE_MAX_IDS);
  return {
    name: JOINED_COOKIE,
    value: signValue(ids.join(","), PURPOSE),
    httpOnly: true,
    sameSite: "lax" as const,
    secure: new URL(env().APP_URL).protocol === "https:",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  };
}
