import type { teamRoles } from "@/db/enums";

// Browser-safe: pages and components hide what a role may not do; the server refuses it anyway.

export type TeamRole = (typeof teamRoles)[number];

/**
 * What each role may do. Owners manage members and roles; Admins manage campaigns and
 * integrations; Members run the programme (people, qualification, rewards) and see
 * integrations read-only, without secrets.
 */
export const PERMISSIONS = {
  runProgram: ["owner", "admin", "member"],
  viewIntegrations: ["owner", "admin", "member"],
  manageCampaigns: ["owner", "admin"],
  manageIntegrations: ["owner", "admin"],
  inviteMembers: ["owner", "admin"],
  viewAuditLog: ["owner", "admin"],
  manageMembers: ["owner"],
} as const satisfies Record<string, readonly TeamRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const can = (role: TeamRole, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly TeamRole[]).includes(role);

export const ROLE_LABELS: Record<TeamRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** Said when a role may not do something, by the server and the pages alike. */
export const forbiddenMessage = (permission: Permission) =>
  `Only ${PERMISSIONS[permission].map((role) => `${ROLE_LABELS[role]}s`).join(" and ")} can do this.`;
