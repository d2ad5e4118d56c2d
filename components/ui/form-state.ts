/** What a server action hands back to its form: a message, field errors, and what was typed. */
export type FormState = {
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};
