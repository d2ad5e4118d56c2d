import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { leadStatuses, participantKinds, participantSources } from "@/db/enums";

export const firstNameSchema = z.string().trim().min(1, "Enter a first name").max(100, "Use at most 100 characters");

/** The public join page and the referral link's sign-up form. */
export const joinSchema = z.object({
  firstName: firstNameSchema,
  email: z.string().trim().pipe(emailSchema),
});

/** A marketer adding a user by hand (and the CSV import, row by row). */
export const addParticipantSchema = z
  .object({
    type: z.enum(participantKinds, { error: "Choose referrer or lead" }),
    firstName: firstNameSchema,
    email: z.string().trim().pipe(emailSchema),
    /** A lead's referrer, by referral code or email. */
    referrer: z.string().trim().max(254).default(""),
  })
  .refine((u) => u.type === "referrer" || u.referrer !== "", {
    path: ["referrer"],
    error: "A lead needs its referrer's code or email",
  });

export type JoinInput = z.input<typeof joinSchema>;
export type AddParticipantInput = z.input<typeof addParticipantSchema>;

export const participantSourceFilter = z.enum(participantSources).optional().catch(undefined);
export const leadStatusFilter = z.enum(leadStatuses).optional().catch(undefined);
