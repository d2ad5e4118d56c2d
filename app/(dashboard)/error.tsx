"use client";

import { ErrorNotice } from "@/components/errors/error-notice";

// A dashboard page that fails keeps the navigation around it.
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} />;
}
