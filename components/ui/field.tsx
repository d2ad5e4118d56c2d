import { useId } from "react";
import { cn } from "./cn";

export const inputClasses =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none aria-[invalid=true]:ring-red-400 disabled:bg-zinc-50";

type FieldProps = {
  label: string;
  error?: string;
  hint?: React.ReactNode;
  className?: string;
  children?: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
} & Omit<React.ComponentProps<"input">, "children">;

/** A labelled input with its hint and error wired up for screen readers. */
export function Field({ label, error, hint, className, children, ...inputProps }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const control = { id, "aria-invalid": Boolean(error), "aria-describedby": describedBy };
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children ? children(control) : <input className={inputClasses} {...control} {...inputProps} />}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div
      data-testid="form-error"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-inset ring-red-200"
    >
      {message}
    </div>
  );
}
