"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";

export type KeyValueRow = { key: string; value: string; saved: boolean };

type Props = {
  legend: string;
  name: "headers" | "credentials";
  rows: KeyValueRow[];
  max: number;
  errors: Record<string, string>;
  keyPlaceholder: string;
  onChange: (rows: KeyValueRow[]) => void;
};

/** Key-value pairs whose values are secrets: saved values are never shown, only replaced. */
export function KeyValueFields({ legend, name, rows, max, errors, keyPlaceholder, onChange }: Props) {
  const update = (i: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-zinc-800">
        {legend}{" "}
        <span className="font-normal text-zinc-500">(optional{Number.isFinite(max) ? `, up to ${max}` : ""})</span>
      </legend>
      {errors[name] ? <p className="text-xs font-medium text-red-600">{errors[name]}</p> : null}
      {rows.map((row, i) => {
        const keyError = errors[`${name}.${i}.key`];
        const valueError = errors[`${name}.${i}.value`];
        return (
          <div key={i} className="flex items-start gap-2">
            <div className="flex-1">
              <input
                aria-label={`${legend} ${i + 1} name`}
                className={inputClasses}
                placeholder={keyPlaceholder}
                value={row.key}
                aria-invalid={Boolean(keyError)}
                onChange={(e) => update(i, { key: e.target.value })}
              />
              {keyError ? <p className="mt-1 text-xs font-medium text-red-600">{keyError}</p> : null}
            </div>
            <div className="flex-1">
              <input
                aria-label={`${legend} ${i + 1} value`}
                className={inputClasses}
                placeholder={row.saved ? "•••••••• (saved; type to replace)" : "Value"}
                value={row.value}
                aria-invalid={Boolean(valueError)}
                autoComplete="off"
                onChange={(e) => update(i, { value: e.target.value })}
              />
              {valueError ? <p className="mt-1 text-xs font-medium text-red-600">{valueError}</p> : null}
            </div>
            <Button
              variant="ghost"
              size="md"
              aria-label={`Remove ${legend.toLowerCase()} ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </div>
        );
      })}
      {rows.length < max ? (
        <Button variant="ghost" size="sm" onClick={() => onChange([...rows, { key: "", value: "", saved: false }])}>
          <Plus className="size-3.5" aria-hidden /> Add {name === "headers" ? "header" : "credential"}
        </Button>
      ) : null}
    </fieldset>
  );
}
