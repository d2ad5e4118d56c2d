import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";

export type Email = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

/**
 * Sends through SMTP_URL when it is set and says so; without it returns false, and in
 * development prints the message to the log so a link in it can still be followed.
 */
export async function sendEmail(email: Email, through: Transporter | undefined = smtp()): Promise<boolean> {
  if (!through) {
    if (env().NODE_ENV === "development") console.info(`[email] to ${email.to}: ${email.subject}\n${email.text}`);
    return false;
  }
  await through.sendMail({ from: env().MAIL_FROM, ...email });
  return true;
}

function smtp(): Transporter | undefined {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  transport ??= nodemailer.createTransport(url);
  return transport;
}
