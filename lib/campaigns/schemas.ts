import { z } from "zod";
import { rewardModes } from "@/db/enums";

const httpUrl = z
  .url({ protocol: /^https?$/, error: "Enter a full URL starting with https://" })
  .max(2000, "Use at most 2000 characters");

/** The IANA names to offer; "UTC" is not in the list but every system has it. */
export const timeZones = (): string[] => ["UTC", ...Intl.supportedValuesOf("timeZone")];

/**
 * A time zone as Intl names it (`asia/kolkata` → `Asia/Calcutta`: Node's ICU keeps the older
 * names), or null when Intl does not know it. PostgreSQL knows both spellings.
 */
function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Shared by the campaign form and the server action. */
export const campaignSchema = z
  .object({
    name: z.string().trim().min(1, "Give the campaign a name").max(120, "Use at most 120 characters"),
    landingUrl: z.string().trim().pipe(httpUrl),
    referrerReward: z.string().trim().min(1, "Say what the referrer gets, e.g. $20 credit").max(200),
    leadReward: z
      .string()
      .trim()
      .max(200)
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .default(null),
    rewardMode: z.enum(rewardModes).default("per_lead"),
    rewardEveryN: z.coerce.number().int("Use a whole number").min(1, "At least 1").max(1000, "At most 1000").default(1),
    autoIssueRewards: z
      .union([z.boolean(), z.enum(["on", "true", "false"])])
      .transform((v) => v === true || v === "on" || v === "true")
      .default(false),
    timeZone: z
      .string()
      .trim()
      .transform((name, ctx) => {
        const canonical = canonicalTimeZone(name);
        if (canonical) return canonical;
        ctx.addIssue({ code: "custom", message: "Choose a time zone from the list" });
        return z.NEVER;
      })
      .default("UTC"),
  })
  .transform((c) => ({ ...c, rewardEveryN: c.rewardMode === "every_n" ? c.rewardEveryN : 1 }));

export type CampaignInput = z.input<typeof campaignSchema>;
export type CampaignValues = z.output<typeof campaignSchema>;
