import { z } from "zod";

export const emailSchema = z
  .email({ error: "Enter a valid email address" })
  .max(254)
  .transform((e) => e.toLowerCase());

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: z.string().trim().pipe(emailSchema),
  password: z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters"),
});

export const signInSchema = z.object({
  email: z.string().trim().pipe(emailSchema),
  password: z.string().min(1, "Enter your password").max(200),
});

export type SignUpInput = z.input<typeof signUpSchema>;
export type SignInInput = z.input<typeof signInSchema>;
