import { relations, sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  deliveryStatuses,
  eventTypes,
  failureReasons,
  leadStatuses,
  participantKinds,
  rewardModes,
  rewardStatuses,
  participantSources,
  webhookMethods,
  webhookStatuses,
  teamRoles,
  auditActorKinds,
} from "./enums";

// The enum value lists live in db/enums, where browser code imports them; server code may keep
// importing them from here.
export {
  deliveryStatuses,
  eventTypes,
  failureReasons,
  leadStatuses,
  participantKinds,
  rewardModes,
  rewardStatuses,
  participantSources,
  webhookMethods,
  webhookStatuses,
} from "./enums";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
/** Every table below `teams` carries this column; queries filter on it (see db/scope.ts). */
const teamId = () =>
  uuid("team_id")
    .notNull()
    .references(() => teams.id, { onDelete: "cascade" });

/**
 * The team and campaign of a row written on the hot paths (events, rewards, the inbound log):
 * checked as ONE foreign key on (campaign_id, team_id), which also holds the row to its
 * campaign's team. Two keys would make every insert lock the team's row too, the one row all of
 * a team's concurrent writes share (measured: about 50 µs of PostgreSQL CPU per qualification).
 */
const campaignTeamId = () => uuid("team_id").notNull();
const campaignIdOfTeam = () => uuid("campaign_id").notNull();
const inCampaignOfTeam = (table: string, t: { campaignId: AnyPgColumn; teamId: AnyPgColumn }) =>
  foreignKey({
    name: `${table}_campaign_team_fk`,
    columns: [t.campaignId, t.teamId],
    foreignColumns: [campaigns.id, campaigns.teamId],
  }).onDelete("cascade");

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** The request inbox's path token (lib/inbox), made when the inbox is first opened. */
  inboxToken: text("inbox_token").unique("teams_inbox_token_key"),
  createdAt: createdAt(),
});

/** A person who signs in to the dashboard. Participants in campaigns are `participants`. */
export const marketers = pgTable(
  "marketers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Stored lower-cased; the unique index makes sign-up race-safe. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("marketers_email_key").on(t.email)],
);

export const teamRoleEnum = pgEnum("team_role", teamRoles);

/** Who belongs to which team, as what. A marketer may belong to several teams. */
export const teamMembers = pgTable(
  "team_members",
  {
    teamId: teamId(),
    marketerId: uuid("marketer_id")
      .notNull()
      .references(() => marketers.id, { onDelete: "cascade" }),
    role: teamRoleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "team_members_pkey", columns: [t.teamId, t.marketerId] }),
    index("team_members_marketer_idx").on(t.marketerId),
  ],
);

/**
 * An invitation to join a team: a single-use link valid 7 days. Only the SHA-256 of its token is
 * kept; the link is shown (and mailed) once.
 */
export const teamInvitations = pgTable(
  "team_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    /** Lower-cased; only this email may accept. */
    email: text("email").notNull(),
    role: teamRoleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => marketers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => marketers.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("team_invitations_token_key").on(t.tokenHash),
    index("team_invitations_team_idx").on(t.teamId, t.createdAt),
  ],
);

export const auditActorKindEnum = pgEnum("audit_actor_kind", auditActorKinds);

/**
 * The audit log of integration and access changes (lib/audit): who (a member, an API key or the
 * system), what, when and from where, written in the transaction of the change. The labels are
 * copied, so an entry still says who it was after the member or key is gone. A trigger refuses
 * every UPDATE: the product has no way to edit it.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    teamId: teamId(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: auditActorKindEnum("actor_kind").notNull(),
    /** The marketer's or API key's id; null for the system. */
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    /** e.g. `webhook.updated`, `member.invited` (lib/audit/audit-actions.ts lists them). */
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    subjectLabel: text("subject_label"),
    /** What changed: field names, roles, counts; never a secret value. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_events_recent_idx").on(t.teamId, t.occurredAt.desc(), t.id.desc()),
    index("audit_events_actor_idx").on(t.teamId, t.actorId, t.occurredAt.desc()),
    index("audit_events_action_idx").on(t.teamId, t.action, t.occurredAt.desc()),
  ],
);

/**
 * Fixed-window counters for limits that are not per API key or inbound token: sign-in attempts
 * (per client and email, per client) and the public forms (per client, per campaign). One row per
 * bucket, e.g. `sign-in:ip:<ip>`, counted in one statement so parallel requests cannot overshoot.
 */
export const rateLimitWindows = pgTable("rate_limit_windows", {
  bucket: text("bucket").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

/**
 * A signed-in browser. The session cookie names its row; signing out deletes it and a password
 * change deletes them all, so a copied cookie stops working on the server, not only in the browser.
 */
export const marketerSessions = pgTable(
  "marketer_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    marketerId: uuid("marketer_id")
      .notNull()
      .references(() => marketers.id, { onDelete: "cascade" }),
    /** The team this browser is looking at (switched from the account menu). */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("marketer_sessions_marketer_idx").on(t.marketerId)],
);

export const rewardModeEnum = pgEnum("reward_mode", rewardModes);

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    name: text("name").notNull(),
    /** The marketer's landing page that referral links lead on to. */
    landingUrl: text("landing_url").notNull(),
    referrerReward: text("referrer_reward").notNull(),
    leadReward: text("lead_reward"),
    rewardMode: rewardModeEnum("reward_mode").notNull().default("per_lead"),
    /** With `every_n`: a referrer earns one reward for every N qualified leads. */
    rewardEveryN: integer("reward_every_n").notNull().default(1),
    autoIssueRewards: boolean("auto_issue_rewards").notNull().default(false),
    /** IANA time zone the Overview's days follow. */
    timeZone: text("time_zone").notNull().default("UTC"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("campaigns_team_idx").on(t.teamId, t.createdAt),
    // What the (campaign_id, team_id) foreign keys point at.
    unique("campaigns_id_team_id_key").on(t.id, t.teamId),
  ],
);

export const participantKindEnum = pgEnum("participant_kind", participantKinds);
export const participantSourceEnum = pgEnum("user_source", participantSources);
export const leadStatusEnum = pgEnum("lead_status", leadStatuses);

/** A campaign's people, called "users" in the REST API and events: referrers and the leads they bring. */
export const participants = pgTable(
  "participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    kind: participantKindEnum("kind").notNull(),
    firstName: text("first_name").notNull(),
    email: text("email").notNull(),
    referralCode: text("referral_code").notNull(),
    source: participantSourceEnum("source").notNull(),
    referrerId: uuid("referrer_id").references((): AnyPgColumn => participants.id, {
      onDelete: "set null",
    }),
    status: leadStatusEnum("status"),
    qualifiedAt: timestamp("qualified_at", { withTimezone: true }),
    unqualifiedAt: timestamp("unqualified_at", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    /** What the tables' search box matches, indexed with pg_trgm for substring search. */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`lower(${participants.firstName} || ' ' || ${participants.email} || ' ' || ${participants.referralCode})`,
      ),
  },
  (t) => [
    uniqueIndex("participants_code_key").on(t.referralCode),
    uniqueIndex("participants_campaign_email_key").on(t.campaignId, t.email),
    // Each sort index ends in the id, the tie-breaker every listing orders by: a page inside a tie
    // group (a CSV import shares one joined_at) is then read straight from the index, not sorted.
    index("participants_listing_idx").on(t.campaignId, t.kind, t.joinedAt, t.id),
    index("participants_by_name_idx").on(t.campaignId, t.kind, t.firstName, t.id),
    index("participants_by_email_idx").on(t.campaignId, t.kind, t.email, t.id),
    index("participants_referrer_idx").on(t.referrerId),
    index("participants_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const rewardStatusEnum = pgEnum("reward_status", rewardStatuses);

export const rewards = pgTable(
  "rewards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: campaignTeamId(),
    campaignId: campaignIdOfTeam(),
    /** Null once the recipient was deleted: the reward stays in the ledger without their name or email. */
    recipientId: uuid("recipient_id").references(() => participants.id, { onDelete: "set null" }),
    /** The qualified lead that earned it (the last one, for every-N rewards). */
    leadId: uuid("lead_id").references(() => participants.id, { onDelete: "set null" }),
    description: text("description").notNull(),
    status: rewardStatusEnum("status").notNull().default("due"),
    /**
     * What earned it, e.g. `lead:<fingerprint>:referrer`; unique so a reward is never granted twice.
     * Lead rewards name the lead by a one-way fingerprint of campaign and email, not its id, so a
     * lead deleted and added again cannot earn its referrer a second reward.
     */
    grantKey: text("grant_key").notNull(),
    createdAt: createdAt(),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
  },
  (t) => [
    inCampaignOfTeam("rewards", t),
    uniqueIndex("rewards_grant_key").on(t.campaignId, t.grantKey),
    index("rewards_listing_idx").on(t.campaignId, t.status, t.createdAt),
  ],
);

/**
 * The delivery engine's pulse, one row (`id` 1) for every instance: when events were last handed
 * to Inngest, and the last failure to do so. Written at most every few seconds, by the relay and
 * the sweep, so the dashboard can say whether deliveries are flowing.
 */
export const outboxRelayPulse = pgTable("outbox_relay_pulse", {
  id: smallint("id").primaryKey(),
  lastHandOffAt: timestamp("last_hand_off_at", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  lastFailure: text("last_failure"),
});

/**
 * The transactional outbox: written in the same transaction as the change that causes the
 * event, with a snapshot of the payload data as it was then. Until the relay has handed it to
 * Inngest, the event also has a row in `outbox_pending`.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: campaignTeamId(),
    campaignId: campaignIdOfTeam(),
    type: text("type", { enum: eventTypes }).notNull(),
    data: jsonb("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [inCampaignOfTeam("outbox_events", t), index("outbox_campaign_idx").on(t.campaignId, t.createdAt)],
);

/**
 * The outbox's queue: one narrow row per event not yet handed to Inngest, written in the event's
 * statement and deleted once Inngest has it. Marking an event sent is then a delete of ~60 bytes
 * rather than a rewrite of the event's row with its payload (and of its indexes). It holds only
 * what the relay sends, so it reads no event row; a row whose event was deleted meanwhile (its
 * campaign was) is relayed and finds nothing to deliver. No index but the key: the table holds
 * seconds of events, or an outage's backlog, read oldest first by a top-N sort.
 */
export const outboxPending = pgTable("outbox_pending", {
  eventId: uuid("event_id").primaryKey(),
  teamId: campaignTeamId(),
  campaignId: campaignIdOfTeam(),
  type: text("type", { enum: eventTypes }).notNull(),
  createdAt: createdAt(),
});

/**
 * A campaign's inbound webhook token, kept apart from `campaigns` so that selecting a campaign
 * never carries the secret along. Lookups go by the SHA-256 hash; the encrypted copy (bound to
 * the campaign id) exists only so the signed-in team can see and copy the full URL.
 */
export const inboundTokens = pgTable(
  "inbound_tokens",
  {
    campaignId: uuid("campaign_id")
      .primaryKey()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    teamId: teamId(),
    tokenHash: text("token_hash").notNull(),
    /** The last 4 characters, to recognise a token without decrypting it. */
    tokenHint: text("token_hint").notNull(),
    tokenEncrypted: text("token_encrypted").notNull(),
    /** When this token was issued: creation or the latest rotation. */
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("inbound_tokens_hash_key").on(t.tokenHash)],
);

/**
 * Fixed-window request counter per campaign, shared by every app instance. One row per
 * campaign: a new window overwrites the old one, so nothing needs cleaning up. The migration
 * creates it UNLOGGED (drizzle has no flag for that): counters need no crash safety, and
 * skipping the WAL flush keeps the hot row's lock short.
 */
export const inboundRateWindows = pgTable("inbound_rate_windows", {
  campaignId: uuid("campaign_id")
    .primaryKey()
    .references(() => campaigns.id, { onDelete: "cascade" }),
  teamId: teamId(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

/** The most recent inbound webhook requests per campaign and what they were answered. */
export const inboundRequests = pgTable(
  "inbound_requests",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    teamId: campaignTeamId(),
    campaignId: campaignIdOfTeam(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    httpStatus: smallint("http_status").notNull(),
    /** The stable error code, or null for a 200. */
    errorCode: text("error_code"),
    alreadyQualified: boolean("already_qualified"),
    referralCode: text("referral_code"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    inCampaignOfTeam("inbound_requests", t),
    index("inbound_requests_recent_idx").on(t.campaignId, t.receivedAt.desc(), t.id.desc()),
  ],
);

export const webhookMethodEnum = pgEnum("webhook_method", webhookMethods);
export const webhookStatusEnum = pgEnum("webhook_status", webhookStatuses);

/** A header or credential: the name in clear, the value sealed with lib/crypto/secret-box. */
export type SealedEntry = { key: string; value: string };

/** A campaign's outbound webhook (Campaign Settings → Integrations and API → API & Webhooks). */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    url: text("url").notNull(),
    method: webhookMethodEnum("method").notNull().default("POST"),
    event: text("event", { enum: eventTypes }).notNull(),
    /** Empty means every source. */
    sources: participantSourceEnum("sources")
      .array()
      .notNull()
      .default(sql`'{}'`),
    headers: jsonb("headers").$type<SealedEntry[]>().notNull().default([]),
    credentials: jsonb("credentials").$type<SealedEntry[]>().notNull().default([]),
    /** Standard Webhooks `whsec_` secret, sealed; the previous one signs too until it expires. */
    signingSecret: text("signing_secret").notNull(),
    previousSigningSecret: text("previous_signing_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    status: webhookStatusEnum("status").notNull().default("active"),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Dashboard, or a REST-hook subscription made through the API. */
    createdVia: text("created_via", { enum: ["dashboard", "api"] })
      .notNull()
      .default("dashboard"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhooks_campaign_event_idx").on(t.campaignId, t.event)],
);

/** The team's REST API key: only a SHA-256 hash and a recognisable prefix are kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.keyHash), index("api_keys_team_idx").on(t.teamId)],
);

/**
 * A REST API write sent with an `Idempotency-Key`, and the answer it got: a retry with the same
 * key and request gets this answer again instead of running twice. Written in the transaction of
 * the write itself, so a key is never recorded for a write that did not commit, nor a write
 * without its key. Kept 24 hours.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    teamId: teamId(),
    /** sha256 of the method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status").notNull(),
    responseBody: text("response_body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("api_idempotency_keys_created_idx").on(t.createdAt)],
);

/** Fixed-window request counter per API key, shared by every app instance. */
export const apiRateWindows = pgTable("api_rate_windows", {
  apiKeyId: uuid("api_key_id")
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: "cascade" }),
  teamId: teamId(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

export const deliveryStatusEnum = pgEnum("delivery_status", deliveryStatuses);

/**
 * One event for one webhook (or one test send). Its id is the `webhook-id` header: stable
 * across retries, the receiver's idempotency key. Unique per (event, webhook), so re-running
 * the fan-out never creates a delivery twice.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    /** Null for test sends. */
    eventId: uuid("event_id").references(() => outboxEvents.id, { onDelete: "cascade" }),
    eventType: text("event_type", { enum: eventTypes }).notNull(),
    /**
     * The email of the person the event is about (`data.user.email` of its snapshot), lower-cased,
     * copied by the fan-out so that the delivery log finds a person's deliveries by index. Null for
     * test sends, which carry sample data.
     */
    participantEmail: text("participant_email"),
    isTest: boolean("is_test").notNull().default(false),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastResponseStatus: integer("last_response_status"),
    lastError: text("last_error"),
    /** Bumped by resend/replay: each dispatch gets its own Inngest event id. */
    dispatchCount: integer("dispatch_count").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("deliveries_event_webhook_key").on(t.eventId, t.webhookId),
    // The delivery log pages by (created_at, id); no index holds `status`, which every attempt
    // changes, so those updates stay HOT.
    index("deliveries_webhook_idx").on(t.webhookId, t.createdAt, t.id),
    index("deliveries_webhook_email_idx").on(t.webhookId, t.participantEmail, t.createdAt, t.id),
    index("deliveries_created_idx").on(t.createdAt),
  ],
);

/** Every request we made for a delivery and what came back, secrets masked. */
export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    /**
     * The delivery's webhook, copied so that a webhook's health reads its recent attempts from one
     * index. No foreign key: the delivery's cascade already removes the row, and a key check would
     * lock the webhook row on every attempt.
     */
    webhookId: uuid("webhook_id").notNull(),
    attemptNumber: integer("attempt_number").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    requestMethod: text("request_method").notNull(),
    requestUrl: text("request_url").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull(),
    requestBody: text("request_body"),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    responseBody: text("response_body"),
    error: text("error"),
    outcome: text("outcome", { enum: ["delivered", "retry", "gone", "failed"] }).notNull(),
    /** Null for a delivered attempt; lib/webhooks/failure-reason.ts. */
    failureReason: text("failure_reason", { enum: failureReasons }),
  },
  (t) => [
    uniqueIndex("delivery_attempts_number_key").on(t.deliveryId, t.attemptNumber),
    // Health figures read only these columns, index-only (attempts are never updated).
    index("delivery_attempts_webhook_idx").on(t.webhookId, t.startedAt, t.durationMs, t.outcome, t.failureReason),
  ],
);

export const campaignsRelations = relations(campaigns, ({ many }) => ({ participants: many(participants) }));
export const participantsRelations = relations(participants, ({ one }) => ({
  campaign: one(campaigns, { fields: [participants.campaignId], references: [campaigns.id] }),
  referrer: one(participants, { fields: [participants.referrerId], references: [participants.id] }),
}));

export type Team = typeof teams.$inferSelect;
export type Marketer = typeof marketers.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type Reward = typeof rewards.$inferSelect;
export type OutboxEvent = typeof outboxEvents.$inferSelect;
export type InboundRequest = typeof inboundRequests.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryAttempt = typeof deliveryAttempts.$inferSelect;
export type EventType = (typeof eventTypes)[number];
export type LeadStatus = (typeof leadStatuses)[number];
export type ParticipantSource = (typeof participantSources)[number];

/** An inbox request's signature as checked on arrival against the delivery its `webhook-id` names. */
export type InboxSignatureCheck = {
  outcome: "valid" | "invalid" | "unsigned" | "unknown_sender";
  /** Why it did not verify, in the receiver's words (e.g. "timestamp too old"). */
  reason?: string;
  deliveryId?: string;
  webhook?: { id: string; name: string; event: string };
};

/**
 * What arrived at a team's request inbox (lib/inbox): the request as sent, with the values of
 * secrets (cookies, authorization, a webhook's own headers and credentials) masked before they
 * are stored, and the signature check made on arrival. Only the newest few per team are kept.
 */
export const inboxRequests = pgTable(
  "inbox_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamId(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    method: text("method").notNull(),
    /** Path and query as requested. */
    target: text("target").notNull(),
    headers: jsonb("headers").$type<[string, string][]>().notNull(),
    body: text("body").notNull(),
    /** lib/inbox/check-signature.ts: whether a delivery of this team signed it, and which. */
    signature: jsonb("signature").$type<InboxSignatureCheck>().notNull(),
  },
  (t) => [index("inbox_requests_recent_idx").on(t.teamId, t.receivedAt.desc(), t.id)],
);

/**
 * A campaign's activity per 15-minute UTC bucket: what the Overview charts and the campaign cards'
 * sparklines read, so they never scan the people tables. Every real time zone's midnight falls on
 * a quarter hour, so any campaign's days are whole buckets. Kept by triggers on `participants` and
 * `rewards` (migration 0010) in the transaction of each change, and always equal to counting the
 * current rows: a deleted person leaves the counts, an unqualified lead leaves `leads_qualified`.
 */
export const campaignActivity = pgTable(
  "campaign_activity",
  {
    teamId: teamId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    referrersJoined: integer("referrers_joined").notNull().default(0),
    leadsCreated: integer("leads_created").notNull().default(0),
    leadsQualified: integer("leads_qualified").notNull().default(0),
    rewardsIssued: integer("rewards_issued").notNull().default(0),
  },
  (t) => [primaryKey({ name: "campaign_activity_pkey", columns: [t.campaignId, t.bucket] })],
);
