/**
 * A submitted form as the plain object its zod schema reads: one key per field, a field sent more
 * than once (checkboxes of one name) as an array. Next's own `$ACTION_…` fields are dropped.
 */
export function formInput(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const input: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key);
    input[key] = all.length === 1 ? all[0]! : all;
  }
  return input;
}

/** The text fields of a submitted form, to show them again after a failure (files and passwords are not sent back). */
export function formValues(form: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form)
    if (typeof value === "string" && !key.startsWith("$ACTION") && !omit.includes(key)) values[key] ??= value;
  return values;
}
