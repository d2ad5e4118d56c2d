"use client";

import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/errors/database-unavailable";

/**
 * What the error boundary shows. Server errors reach the browser with only a digest in
 * production; an outage carries a digest of its own, so it can be told apart and named. Every
 * page's first load carries this, so it stays plain: no icons, no Button primitive (class
 * merging, Slot).
 */
export function ErrorNotice({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const outage = digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center px-4 py-16 text-center">
      <h1 className="text-xl font-semibold text-zinc-900">
        {outage ? "Referwire is temporarily unavailable" : "Something went wrong"}
      </h1>
      <p className="mt-2 text-sm text-zinc-600">
        {outage
          ? "We cannot reach our database right now. Nothing you saved is lost; try again in a few seconds."
          : "This page could not be loaded. Try again; if it keeps happening, tell us the reference below."}
      </p>
      {!outage && digest ? <p className="mt-2 font-mono text-xs text-zinc-500">Reference {digest}</p> : null}
      <button
        type="button"
        onClick={() => retry()}
        className="mt-6 inline-flex h-9 items-center justify-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Try again
      </button>
    </div>
  );
}
