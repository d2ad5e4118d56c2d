/**
 * What every server action hands back, and what every form reads: success with an optional value
 * and message, or a failure with a message for people and, for a form, its field errors and what
 * was typed. Browser-safe: forms import it too.
 */
export type ActionFailure = {
  ok: false;
  message: string;
  fieldErrors?: Record<string, string>;
  /** The submitted fields as text, so a form posted without JavaScript can show them again. */
  values?: Record<string, string>;
  /** For bulk input (the CSV import): what is wrong on which line. */
  rowErrors?: { row: number; message: string }[];
  /** Set when the member's role may not do this (nothing was read or changed). */
  code?: "forbidden";
};

export type ActionResult<T = undefined> = { ok: true; value: T; message?: string } | ActionFailure;

/** Before a form's first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;

export const succeeded = <T = undefined>(value: T, message?: string): ActionResult<T> => ({ ok: true, value, message });

export const failed = (message: string, extra: Omit<ActionFailure, "ok" | "message"> = {}): ActionFailure => ({
  ok: false,
  message,
  ...extra,
});

/** A domain `Failure` (or anything with a message and field errors) as an action's failure. */
export const failedWith = ({
  message,
  fieldErrors,
  rowErrors,
}: {
  message: string;
  fieldErrors?: Record<string, string>;
  rowErrors?: ActionFailure["rowErrors"];
}): ActionFailure => failed(message, { fieldErrors, rowErrors });

export const ACTION_FAILED_MESSAGE = "Something went wrong. Please try again.";
export const ACTION_UNAVAILABLE_MESSAGE =
  "Referwire is temporarily unavailable. Nothing was lost; try again in a few seconds.";
