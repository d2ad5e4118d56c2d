// Browser-safe: the audit log's filter offers these, and the server records only these.

/** Every change the audit log records, with how the log page names it. */
export const AUDIT_ACTIONS = {
  "campaign.created": "Campaign created",
  "campaign.updated": "Campaign settings changed",
  "webhook.created": "Webhook created",
  "webhook.updated": "Webhook edited",
  "webhook.deleted": "Webhook deleted",
  "webhook.disabled": "Webhook disabled",
  "webhook.reenabled": "Webhook re-enabled",
  "webhook.secret_revealed": "Signing secret revealed",
  "webhook.secret_rotated": "Signing secret rotated",
  "webhook.test_sent": "Test event sent",
  "deliveries.resent": "Delivery resent",
  "deliveries.replayed": "Failed deliveries replayed",
  "api_key.generated": "API key generated",
  "api_key.revoked": "API key revoked",
  "inbound_url.revealed": "Inbound URL revealed",
  "inbound_url.rotated": "Inbound URL rotated",
  "member.invited": "Member invited",
  "invitation.revoked": "Invitation revoked",
  "member.joined": "Member joined",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "member.role_changed": "Role changed",
  "user.created": "User created (API)",
  "user.deleted": "User deleted (API)",
  "lead.qualification_set": "Lead qualification set (API)",
  "reward.issued": "Reward issued (API)",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const auditActions = Object.keys(AUDIT_ACTIONS) as AuditAction[];
