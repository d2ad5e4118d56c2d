"use client";

import { CloudOff, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/errors/database-unavailable";

/**
 * What an error boundary shows. Server errors reach the browser with only a digest in
 * production; an outage carries a digest of its own, so it can be told apart and named.
 */
export function ErrorNotice({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const outage = digest === DATABASE_UNAVAILABLE_DIGEST;
  const Icon = outage ? CloudOff : TriangleAlert;
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center px-4 py-16 text-center">
      <Icon className="size-8 text-zinc-400" aria-hidden />
      <h1 className="mt-4 text-xl font-semibold text-zinc-900">{outage ? "Referwire is temporarily unavailable" : "Something went wrong"}</h1>
      <p className="mt-2 text-sm text-zinc-600">
        {outage
          ? "We cannot reach our database right now. Nothing you saved is lost; try again in a few seconds."
          : "This page could not be loaded. Try again; if it keeps happening, tell us the reference below."}
      </p>
      {!outage && digest ? <p className="mt-2 font-mono text-xs text-zinc-500">Reference {digest}</p> : null}
      <Button className="mt-6" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
