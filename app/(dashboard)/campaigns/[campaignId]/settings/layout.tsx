import { NavLink } from "@/components/shell/nav-link";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ campaignId: string }>;
}) {
  const { campaignId } = await params;
  const base = `/campaigns/${campaignId}/settings`;
  return (
    <div className="space-y-6">
      <nav aria-label="Settings" className="inline-flex gap-1 rounded-lg bg-zinc-100 p-1">
        <NavLink
          href={base}
          exact
          className="rounded-md px-3 py-1.5 text-sm font-medium aria-[current=page]:bg-white aria-[current=page]:shadow-xs"
        >
          General
        </NavLink>
        <NavLink
          href={`${base}/integrations`}
          className="rounded-md px-3 py-1.5 text-sm font-medium aria-[current=page]:bg-white aria-[current=page]:shadow-xs"
        >
          Integrations and API
        </NavLink>
      </nav>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
