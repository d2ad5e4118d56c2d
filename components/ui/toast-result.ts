"use client";

import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/action-result";

/** An action's answer where the form has no place for a message of its own: a toast, red on failure. */
export function toastResult(result: ActionResult<unknown>, success?: string) {
  if (!result.ok) toast.error(result.message);
  else if (success ?? result.message) toast.success(success ?? result.message);
}
