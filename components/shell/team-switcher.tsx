"use client";

import { useTransition } from "react";
import { switchTeamAction } from "@/app/(dashboard)/_actions/team";
import { inputClasses } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast-result";
import { ROLE_LABELS, type TeamRole } from "@/lib/teams/permissions";

type Team = { id: string; name: string; role: TeamRole };

/** The team being looked at, and the marketer's other teams to switch to. */
export function TeamSwitcher({ teams, currentId }: { teams: Team[]; currentId: string }) {
  const [pending, startTransition] = useTransition();
  const current = teams.find((team) => team.id === currentId);
  if (teams.length < 2)
    return (
      <p className="truncate px-2 text-xs text-zinc-500" data-testid="current-team">
        {current?.name} · {current ? ROLE_LABELS[current.role] : ""}
      </p>
    );
  return (
    <label className="block px-2 text-xs text-zinc-500">
      <span className="sr-only">Team</span>
      <select
        className={`${inputClasses} py-1 text-xs`}
        value={currentId}
        disabled={pending}
        data-testid="team-switcher"
        onChange={(event) =>
          startTransition(async () => {
            const result = await switchTeamAction({ teamId: event.target.value });
            if (result && !result.ok) toastResult(result);
          })
        }
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name} · {ROLE_LABELS[team.role]}
          </option>
        ))}
      </select>
    </label>
  );
}
