import { BookOpen, Inbox, Megaphone, Users } from "lucide-react";
import { Logo } from "@/components/shell/logo";
import { NavLink } from "@/components/shell/nav-link";
import { AccountButton } from "@/components/shell/account-button";
import { TeamSwitcher } from "@/components/shell/team-switcher";
import { teamsOf } from "@/lib/auth/marketer-sessions";
import { requireMarketer } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { db, marketer, teamId } = await requireMarketer();
  const teams = await teamsOf(db, marketer.id);
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-zinc-200 bg-white px-3 py-4">
        <Logo className="px-2" />
        <div className="mt-4">
          <TeamSwitcher teams={teams} currentId={teamId} />
        </div>
        <nav aria-label="Main" className="mt-6 flex-1 space-y-1">
          <NavLink href="/campaigns" className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium">
            <Megaphone className="size-4" aria-hidden /> Campaigns
          </NavLink>
          <NavLink href="/events" className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium">
            <BookOpen className="size-4" aria-hidden /> Event catalogue
          </NavLink>
          <NavLink href="/inbox" className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium">
            <Inbox className="size-4" aria-hidden /> Request inbox
          </NavLink>
          <NavLink href="/team" className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium">
            <Users className="size-4" aria-hidden /> Team
          </NavLink>
        </nav>
        <AccountButton name={marketer.name} email={marketer.email} />
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
