import { NavLink } from "@/components/shell/nav-link";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const base = `/campaigns/${campaignId}/settings`;
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Settings" className="flex flex-col gap-1">
        <NavLink href={base} exact className="rounded-md px-3 py-2 text-sm font-medium">
          General
        </NavLink>
        <NavLink href={`${base}/integrations`} className="rounded-md px-3 py-2 text-sm font-medium">
          Integrations and API
        </NavLink>
      </nav>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
