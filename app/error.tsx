"use client";

import { ErrorNotice } from "@/components/errors/error-notice";

// The one boundary: errors of the dashboard layout (which resolves the session) and of every page
// below it. A boundary per route group would put its own copy of the notice in each page's first
// load, which the 200 kB budget (npm run bench:bundle) cannot spare.
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center">
      <ErrorNotice error={error} retry={retry} />
    </main>
  );
}
