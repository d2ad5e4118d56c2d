import { z } from "zod";
import { teamRoles } from "@/db/enums";
import { emailSchema, signUpSchema } from "@/lib/auth/schemas";

// Shared by the Team page's forms and the server.

export const inviteSchema = z.object({
  email: z.string().trim().pipe(emailSchema),
  role: z.enum(teamRoles, { error: "Choose a role" }),
});
export type InviteInput = z.input<typeof inviteSchema>;

export const roleChangeSchema = z.object({ marketerId: z.string(), role: z.enum(teamRoles) });

/** Signing up through an invitation: the email is the invitation's. */
export const invitedSignUpSchema = signUpSchema.pick({ name: true, password: true });
