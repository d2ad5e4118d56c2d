"use client";

import { ErrorNotice } from "@/components/errors/error-notice";

// Errors of layouts below the root (the dashboard's, which resolves the session) and of pages
// that have no boundary of their own.
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center">
      <ErrorNotice error={error} retry={retry} />
    </main>
  );
}
