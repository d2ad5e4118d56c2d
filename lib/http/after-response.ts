import "server-only";
import { after } from "next/server";

/**
 * Runs a task after the response has gone out (Next's `after`), or, outside a request (tests,
 * scripts), at once in the background. The task's failure is logged, never the request's.
 */
export function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    void task().catch((error) => console.warn("[after-response] background task failed:", error));
  }
}
