/**
 * Every table of docs/data-model.md. No foreign keys (Vitess); each tenant table carries
 * `organization_id` and every index on it starts with that column, so a query that forgets the
 * tenant filter cannot use an index by accident and tenant scans stay local.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  primaryKey,
  boolean,
  datetime,
  double,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  text,
  tinyint,
  uniqueIndex,
  varchar,
  char,
} from "drizzle-orm/mysql-core";
import type { SchemaJson } from "~/server/catalog/schema-json";
import { json } from "./json-column";

const id = () => bigint("id", { mode: "number", unsigned: true }).primaryKey().autoincrement();
const ref = (name: string) => bigint(name, { mode: "number", unsigned: true });
const orgId = () => varchar("organization_id", { length: 64 }).notNull();
const createdAt = () =>
  datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);
const updatedAt = () =>
  datetime("updated_at", { mode: "date", fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());

export const planTiers = ["personal", "team", "enterprise"] as const;
export type PlanTier = (typeof planTiers)[number];

// ── tenancy & auth ──────────────────────────────────────────────────────────────────────────

export const organizations = mysqlTable(
  "organizations",
  {
    /** WorkOS organization id (or `org_dev_…` for dev sign-in organizations). */
    id: varchar("id", { length: 64 }).primaryKey(),
    name: varchar("name", { length: 255 }).notNull(),
    slug: varchar("slug", { length: 63 }).notNull(),
    planTier: mysqlEnum("plan_tier", planTiers).notNull().default("personal"),
    customSubdomain: varchar("custom_subdomain", { length: 63 }),
    usageLimits: json<Record<string, number | null>>("usage_limits"),
    /** Origins allowed to frame public pages and embeds (`frame-ancestors`); null = any (docs/embeds.md). */
    embedOrigins: json<string[]>("embed_origins"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("uniq_org_slug").on(t.slug),
    uniqueIndex("uniq_org_custom_subdomain").on(t.customSubdomain),
  ],
);

export const users = mysqlTable(
  "users",
  {
    /** WorkOS user id (or `user_dev_…`). */
    id: varchar("id", { length: 64 }).primaryKey(),
    email: varchar("email", { length: 320 }).notNull(),
    name: varchar("name", { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("uniq_user_email").on(t.email)],
);

export const memberships = mysqlTable(
  "organization_memberships",
  {
    id: id(),
    organizationId: orgId(),
    userId: varchar("user_id", { length: 64 }).notNull(),
    role: mysqlEnum("role", ["admin", "member"]).notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("uniq_membership").on(t.organizationId, t.userId),
    index("idx_membership_user").on(t.userId),
  ],
);

export const apiKeys = mysqlTable(
  "api_keys",
  {
    id: id(),
    organizationId: orgId(),
    name: varchar("name", { length: 128 }).notNull(),
    /** First characters of the key, kept to let people tell keys apart; never enough to use. */
    prefix: varchar("prefix", { length: 16 }).notNull(),
    keyHash: char("key_hash", { length: 64 }).notNull(),
    createdBy: varchar("created_by", { length: 255 }),
    createdAt: createdAt(),
    lastUsedAt: datetime("last_used_at", { mode: "date", fsp: 3 }),
    revokedAt: datetime("revoked_at", { mode: "date", fsp: 3 }),
  },
  (t) => [uniqueIndex("uniq_api_key_hash").on(t.keyHash), index("idx_api_keys_org").on(t.organizationId, t.createdAt)],
);

// ── catalog: definitions, datasets, rows, imports (sources and targets share shapes) ──────────

/**
 * A catalog table's name typed as plain `string`: a source table and its target twin then have one
 * TypeScript type, so the catalog's side → tables map (src/server/catalog/tables.ts) needs no casts.
 * The SQL names are unchanged. See docs/data-model.md.
 */
const sideTable = (name: `${"source" | "target"}_${string}`): string => name;

const definitionColumns = () => ({
  id: id(),
  organizationId: orgId(),
  slug: varchar("slug", { length: 128 }).notNull(),
  name: varchar("name", { length: 255 }).notNull(),
  description: text("description"),
  schemaJson: json<SchemaJson>("schema_json").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sourceDefinitions = mysqlTable(sideTable("source_definitions"), definitionColumns(), (t) => [
  uniqueIndex("uniq_source_def_org_slug").on(t.organizationId, t.slug),
]);
export const targetDefinitions = mysqlTable(sideTable("target_definitions"), definitionColumns(), (t) => [
  uniqueIndex("uniq_target_def_org_slug").on(t.organizationId, t.slug),
]);

export const datasetStatuses = ["empty", "importing", "ready"] as const;
const datasetColumns = () => ({
  id: id(),
  organizationId: orgId(),
  definitionId: ref("definition_id").notNull(),
  name: varchar("name", { length: 255 }).notNull(),
  status: mysqlEnum("status", datasetStatuses).notNull().default("empty"),
  rowCount: int("row_count").notNull().default(0),
  /** Bumped by every import that changed rows; part of every result cache key. */
  version: int("version").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sourceDatasets = mysqlTable(sideTable("source_datasets"), datasetColumns(), (t) => [
  index("idx_source_ds_org_def").on(t.organizationId, t.definitionId),
]);
export const targetDatasets = mysqlTable(sideTable("target_datasets"), datasetColumns(), (t) => [
  index("idx_target_ds_org_def").on(t.organizationId, t.definitionId),
]);

const rowColumns = () => ({
  id: id(),
  organizationId: orgId(),
  datasetId: ref("dataset_id").notNull(),
  keyText: varchar("key_text", { length: 512 }).notNull(),
  keyHash: char("key_hash", { length: 64 }).notNull(),
  label: varchar("label", { length: 512 }).notNull().default(""),
  attrsJson: json<Record<string, unknown>>("attrs_json").notNull(),
  /** sha256 of the canonical row content: lets a re-import tell "unchanged" without reading JSON. */
  contentHash: char("content_hash", { length: 64 }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sourceRows = mysqlTable(
  sideTable("source_rows"),
  {
    ...rowColumns(),
    dimsJson: json<Record<string, string>>("dims_json").notNull(),
    /** sha256 of JSON.stringify(dimension values in schema order): finds a Finder leaf by index. */
    dimsHash: char("dims_hash", { length: 64 }).notNull().default(""),
  },
  (t) => [
    uniqueIndex("uniq_source_row_key").on(t.organizationId, t.datasetId, t.keyHash),
    index("idx_source_rows_dims").on(t.organizationId, t.datasetId, t.dimsHash),
    index("idx_source_rows_label").on(t.organizationId, t.datasetId, t.label),
    index("idx_source_rows_key_text").on(t.organizationId, t.datasetId, t.keyText),
  ],
);
export const targetRows = mysqlTable(sideTable("target_rows"), rowColumns(), (t) => [
  uniqueIndex("uniq_target_row_key").on(t.organizationId, t.datasetId, t.keyHash),
  index("idx_target_rows_label").on(t.organizationId, t.datasetId, t.label),
  index("idx_target_rows_key_text").on(t.organizationId, t.datasetId, t.keyText),
]);

export const sourceDimensionValues = mysqlTable(
  "source_dimension_values",
  {
    id: id(),
    organizationId: orgId(),
    datasetId: ref("dataset_id").notNull(),
    level: int("level").notNull(),
    /** sha256 of the JSON array of values above this level (`[]` at level 0). */
    parentKeyHash: char("parent_key_hash", { length: 64 }).notNull(),
    value: varchar("value", { length: 255 }).notNull(),
    valueCount: int("value_count").notNull().default(1),
  },
  (t) => [
    uniqueIndex("uniq_dim").on(t.organizationId, t.datasetId, t.level, t.parentKeyHash, t.value),
  ],
);

export const importStatuses = ["pending", "processing", "completed", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];
const importColumns = () => ({
  id: id(),
  organizationId: orgId(),
  datasetId: ref("dataset_id").notNull(),
  status: mysqlEnum("status", importStatuses).notNull().default("pending"),
  format: mysqlEnum("format", ["csv", "json"]).notNull(),
  mode: mysqlEnum("mode", ["upsert", "replace"]).notNull().default("upsert"),
  onError: mysqlEnum("on_error", ["abort", "skip"]).notNull().default("abort"),
  fileName: varchar("file_name", { length: 255 }),
  mappingJson: json<Record<string, string | null>>("mapping_json"),
  statsJson: json<Record<string, number>>("stats_json"),
  /** First row-level errors (bounded) with line numbers; the total is in stats. */
  errorsJson: json<unknown[]>("errors_json"),
  warningsJson: json<unknown[]>("warnings_json"),
  error: text("error"),
  rowsTotal: int("rows_total").notNull().default(0),
  rowsDone: int("rows_done").notNull().default(0),
  createdBy: varchar("created_by", { length: 255 }),
  createdAt: createdAt(),
  startedAt: datetime("started_at", { mode: "date", fsp: 3 }),
  finishedAt: datetime("finished_at", { mode: "date", fsp: 3 }),
  /** Last sign of life of the worker; a stale one means the process died (import marked failed on read). */
  heartbeatAt: datetime("heartbeat_at", { mode: "date", fsp: 3 }),
});

export const sourceImports = mysqlTable(sideTable("source_imports"), importColumns(), (t) => [
  index("idx_source_imports_org_ds").on(t.organizationId, t.datasetId, t.createdAt),
]);
export const targetImports = mysqlTable(sideTable("target_imports"), importColumns(), (t) => [
  index("idx_target_imports_org_ds").on(t.organizationId, t.datasetId, t.createdAt),
]);

// ── compatibility: pages, rules, overrides, revisions, caches ─────────────────────────────────

export const publicPages = mysqlTable(
  "public_pages",
  {
    id: id(),
    organizationId: orgId(),
    slug: varchar("slug", { length: 128 }).notNull(),
    name: varchar("name", { length: 255 }).notNull(),
    template: mysqlEnum("template", ["finder", "matrix"]).notNull(),
    sourceDatasetId: ref("source_dataset_id").notNull(),
    targetDatasetId: ref("target_dataset_id").notNull(),
    selectionPolicyJson: json<Record<string, unknown>>("selection_policy_json").notNull(),
    devicePolicyJson: json<Record<string, unknown>>("device_policy_json").notNull(),
    messagingJson: json<{ headline2: string; headline1: string; headline0: string }>("messaging_json").notNull(),
    status: mysqlEnum("status", ["draft", "published"]).notNull().default("draft"),
    /** The published revision public readers see; null until first publish. */
    revisionId: ref("revision_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("uniq_page_org_slug").on(t.organizationId, t.slug)],
);

export const featureRules = mysqlTable(
  "feature_rules",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    name: varchar("name", { length: 255 }).notNull(),
    description: text("description"),
    required: boolean("required").notNull().default(false),
    weight: double("weight").notNull().default(1),
    category: varchar("category", { length: 128 }),
    logicJson: json<unknown>("logic_json").notNull(),
    /** The rule's own visitor sentence per outcome (docs/plain-language.md); null = generated. */
    sentencesJson: json<{ fail?: string; unknown?: string }>("sentences_json"),
    sortOrder: int("sort_order").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("idx_rules_page").on(t.organizationId, t.pageId, t.sortOrder)],
);

/** `*` in a key hash column means "any": source-wide or target-wide overrides. */
export const WILDCARD = "*";

export const overrides = mysqlTable(
  "overrides",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    sourceKeyText: varchar("source_key_text", { length: 512 }),
    sourceKeyHash: varchar("source_key_hash", { length: 64 }).notNull(),
    targetKeyText: varchar("target_key_text", { length: 512 }),
    targetKeyHash: varchar("target_key_hash", { length: 64 }).notNull(),
    value: tinyint("value").notNull(),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("uniq_override_pair").on(t.organizationId, t.pageId, t.sourceKeyHash, t.targetKeyHash)],
);

export const pageRevisions = mysqlTable(
  "page_revisions",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    number: int("number").notNull(),
    /** Immutable snapshot: rules, overrides, policies, messaging, datasets at publish time. */
    snapshotJson: json<Record<string, unknown>>("snapshot_json").notNull(),
    publishedBy: varchar("published_by", { length: 255 }),
    /** The publisher's optional note, shown in the public changelog (docs/changes.md). */
    note: varchar("note", { length: 1000 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("uniq_revision_number").on(t.organizationId, t.pageId, t.number)],
);

export const compatResults = mysqlTable(
  "compat_results",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    revisionId: ref("revision_id").notNull(),
    /** sha256 of (page, revision, source version, target version, kind, selection hash, page number). */
    cacheKey: char("cache_key", { length: 64 }).notNull(),
    selectionHash: char("selection_hash", { length: 64 }).notNull(),
    pageNum: int("page_num").notNull(),
    /** Kept beside the key so `sync.rebuild` can re-deliver a cached result without recomputing it. */
    kind: mysqlEnum("kind", ["finder", "matrix"]).notNull().default("finder"),
    sourceVersion: int("source_version").notNull().default(0),
    targetVersion: int("target_version").notNull().default(0),
    payloadJson: json<unknown>("payload_json").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("uniq_result_key").on(t.organizationId, t.cacheKey),
    index("idx_results_page").on(t.organizationId, t.pageId, t.revisionId),
  ],
);

export const optionIndex = mysqlTable(
  "option_index",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    revisionId: ref("revision_id").notNull(),
    sourceVersion: int("source_version").notNull(),
    level: int("level").notNull(),
    parentHash: char("parent_hash", { length: 64 }).notNull(),
    shard: int("shard").notNull(),
    valuesJson: json<{ value: string; count: number }[]>("values_json").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("uniq_option_shard").on(
      t.organizationId, t.pageId, t.revisionId, t.sourceVersion, t.level, t.parentHash, t.shard,
    ),
  ],
);

// ── operations ────────────────────────────────────────────────────────────────────────────────

export const auditLog = mysqlTable(
  "audit_log",
  {
    id: id(),
    organizationId: orgId(),
    actorType: mysqlEnum("actor_type", ["user", "api_key", "system"]).notNull(),
    actorId: varchar("actor_id", { length: 255 }).notNull(),
    action: varchar("action", { length: 128 }).notNull(),
    targetType: varchar("target_type", { length: 64 }).notNull(),
    targetId: varchar("target_id", { length: 255 }),
    diffJson: json<unknown>("diff_json"),
    requestId: varchar("request_id", { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [index("idx_audit_org_time").on(t.organizationId, t.createdAt)],
);

export const syncOutbox = mysqlTable(
  "sync_outbox",
  {
    id: id(),
    organizationId: orgId(),
    kind: varchar("kind", { length: 32 }).notNull(),
    pageId: ref("page_id"),
    payloadJson: json<unknown>("payload_json").notNull(),
    status: mysqlEnum("status", ["pending", "delivered"]).notNull().default("pending"),
    attempts: int("attempts").notNull().default(0),
    nextAttemptAt: datetime("next_attempt_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: datetime("delivered_at", { mode: "date", fsp: 3 }),
  },
  (t) => [
    index("idx_outbox_org").on(t.organizationId, t.createdAt),
    index("idx_outbox_due").on(t.status, t.nextAttemptAt),
  ],
);

// ── durable jobs (docs/jobs.md) ────────────────────────────────────────────────────────────────

export const jobStatuses = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * Work that outlives the request that asked for it (imports). Claimed by workers with
 * `SELECT … FOR UPDATE SKIP LOCKED`; a running job holds a lease its worker renews, so a job whose
 * worker died is claimed again once `lease_until` passes. Jobs of one `subject` run one at a time,
 * oldest first.
 */
export const jobs = mysqlTable(
  "jobs",
  {
    id: id(),
    organizationId: orgId(),
    kind: varchar("kind", { length: 32 }).notNull(),
    /** Jobs with the same subject (e.g. one dataset) never run at once and run in id order. */
    subject: varchar("subject", { length: 128 }).notNull(),
    /** The record the job works on (e.g. the import id). */
    refId: ref("ref_id").notNull(),
    payloadJson: json<Record<string, unknown>>("payload_json").notNull(),
    status: mysqlEnum("status", jobStatuses).notNull().default("queued"),
    attempts: int("attempts").notNull().default(0),
    maxAttempts: int("max_attempts").notNull().default(3),
    leaseOwner: varchar("lease_owner", { length: 128 }),
    leaseUntil: datetime("lease_until", { mode: "date", fsp: 3 }),
    /** Not claimable before this time (retry backoff). */
    notBefore: datetime("not_before", { mode: "date", fsp: 3 }),
    lastError: text("last_error"),
    /** A machine-readable failure (e.g. a tier limit) for a caller that waits on the job. */
    failureJson: json<Record<string, unknown>>("failure_json"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: datetime("finished_at", { mode: "date", fsp: 3 }),
  },
  (t) => [
    index("idx_jobs_org_ref").on(t.organizationId, t.kind, t.refId),
    // Worker-side scans are across tenants by nature: claim order and per-subject ordering.
    index("idx_jobs_claim").on(t.kind, t.status, t.id),
    index("idx_jobs_subject").on(t.kind, t.subject, t.status, t.id),
  ],
);

const mediumBlob = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "mediumblob" });

/** A job's input (an import's uploaded file) in chunks of at most 1 MiB: any worker can read it. */
export const jobBlobs = mysqlTable(
  "job_blobs",
  {
    organizationId: orgId(),
    jobId: ref("job_id").notNull(),
    seq: int("seq").notNull(),
    data: mediumBlob("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] }), index("idx_job_blobs_org").on(t.organizationId, t.jobId)],
);

/**
 * The published projection of a page (docs/read-path.md): everything a public read needs to name
 * its answer, one row per published page, written in the transaction that moves it (publish,
 * import completion, page rename or delete) and read by one lookup on (organization, slug).
 */
export const publishedPages = mysqlTable(
  "published_pages",
  {
    id: id(),
    organizationId: orgId(),
    slug: varchar("slug", { length: 128 }).notNull(),
    pageId: ref("page_id").notNull(),
    revisionId: ref("revision_id").notNull(),
    revisionNumber: int("revision_number").notNull(),
    sourceDatasetId: ref("source_dataset_id").notNull(),
    targetDatasetId: ref("target_dataset_id").notNull(),
    sourceVersion: int("source_version").notNull(),
    targetVersion: int("target_version").notNull(),
    /** Name, template, levels, messaging, minDepth, pageSize: what `public.page` shows. */
    displayJson: json<Record<string, unknown>>("display_json").notNull(),
    /** Bumped by every write: names the display for ETags and in-process caches. */
    generation: int("generation").notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("uniq_published_org_slug").on(t.organizationId, t.slug), uniqueIndex("uniq_published_org_page").on(t.organizationId, t.pageId)],
);

// ── changes: verdict snapshots, changelog, webhooks (docs/changes.md) ─────────────────────────

/**
 * Every pair's verdict of a published page at one moment (a publish, or an import that changed a
 * dataset the page reads), with the row data it was computed from: the only way to explain a diff
 * across a re-import once the old rows are gone. `cells_json` is null when the matrix exceeded the
 * stored bound; `counts_json` is always there.
 */
export const verdictSnapshots = mysqlTable(
  "verdict_snapshots",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    revisionId: ref("revision_id").notNull(),
    sourceVersion: int("source_version").notNull(),
    targetVersion: int("target_version").notNull(),
    countsJson: json<Record<string, number>>("counts_json").notNull(),
    cellsJson: json<unknown>("cells_json"),
    createdAt: createdAt(),
  },
  (t) => [index("idx_verdict_snapshots_page").on(t.organizationId, t.pageId, t.id)],
);

/** One changelog entry: what a publish or a dataset change did to a published page's verdicts. */
export const verdictChanges = mysqlTable(
  "verdict_changes",
  {
    id: id(),
    organizationId: orgId(),
    pageId: ref("page_id").notNull(),
    /** The revision in effect after the change. */
    revisionId: ref("revision_id").notNull(),
    revisionNumber: int("revision_number").notNull(),
    cause: mysqlEnum("cause", ["publish", "source-data", "target-data"]).notNull(),
    note: varchar("note", { length: 1000 }),
    fromSnapshotId: ref("from_snapshot_id"),
    toSnapshotId: ref("to_snapshot_id").notNull(),
    changed: int("changed").notNull(),
    better: int("better").notNull(),
    worse: int("worse").notNull(),
    /** The first pairs (bounded) and a summary of reasons; `truncated` when there were more. */
    diffJson: json<unknown>("diff_json").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("idx_verdict_changes_page").on(t.organizationId, t.pageId, t.id)],
);

/** An organization's webhook endpoint. The secret signs deliveries; it is shown once. */
export const webhooks = mysqlTable(
  "webhooks",
  {
    id: id(),
    organizationId: orgId(),
    url: varchar("url", { length: 2048 }).notNull(),
    description: varchar("description", { length: 255 }),
    events: json<string[]>("events").notNull(),
    secret: varchar("secret", { length: 128 }).notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why the platform turned the hook off (sustained failure); null when an admin did or it is on. */
    disabledReason: varchar("disabled_reason", { length: 500 }),
    consecutiveFailures: int("consecutive_failures").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("idx_webhooks_org").on(t.organizationId, t.id)],
);

/** The webhook outbox and delivery log in one: written with the event, drained with backoff. */
export const webhookDeliveries = mysqlTable(
  "webhook_deliveries",
  {
    id: id(),
    organizationId: orgId(),
    webhookId: ref("webhook_id").notNull(),
    /** Stable across retries: receivers deduplicate on it (`webhook-id` header). */
    eventId: varchar("event_id", { length: 64 }).notNull(),
    event: varchar("event", { length: 64 }).notNull(),
    payloadJson: json<unknown>("payload_json").notNull(),
    status: mysqlEnum("status", ["pending", "delivered", "failed"]).notNull().default("pending"),
    attempts: int("attempts").notNull().default(0),
    nextAttemptAt: datetime("next_attempt_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    lastStatusCode: int("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: datetime("delivered_at", { mode: "date", fsp: 3 }),
  },
  (t) => [
    index("idx_webhook_deliveries_org").on(t.organizationId, t.webhookId, t.id),
    index("idx_webhook_deliveries_due").on(t.status, t.nextAttemptAt),
  ],
);
