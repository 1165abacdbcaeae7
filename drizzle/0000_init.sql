CREATE TABLE `api_keys` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`name` varchar(128) NOT NULL,
	`prefix` varchar(16) NOT NULL,
	`key_hash` char(64) NOT NULL,
	`created_by` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_used_at` datetime(3),
	`revoked_at` datetime(3),
	CONSTRAINT `api_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_api_key_hash` UNIQUE(`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`actor_type` enum('user','api_key','system') NOT NULL,
	`actor_id` varchar(255) NOT NULL,
	`action` varchar(128) NOT NULL,
	`target_type` varchar(64) NOT NULL,
	`target_id` varchar(255),
	`diff_json` json,
	`request_id` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `compat_results` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`revision_id` bigint unsigned NOT NULL,
	`cache_key` char(64) NOT NULL,
	`selection_hash` char(64) NOT NULL,
	`page_num` int NOT NULL,
	`payload_json` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `compat_results_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_result_key` UNIQUE(`organization_id`,`cache_key`)
);
--> statement-breakpoint
CREATE TABLE `feature_rules` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`name` varchar(255) NOT NULL,
	`description` text,
	`required` boolean NOT NULL DEFAULT false,
	`weight` double NOT NULL DEFAULT 1,
	`category` varchar(128),
	`logic_json` json NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `feature_rules_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `organization_memberships` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`user_id` varchar(64) NOT NULL,
	`role` enum('admin','member') NOT NULL DEFAULT 'member',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `organization_memberships_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_membership` UNIQUE(`organization_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `option_index` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`revision_id` bigint unsigned NOT NULL,
	`source_version` int NOT NULL,
	`level` int NOT NULL,
	`parent_hash` char(64) NOT NULL,
	`shard` int NOT NULL,
	`values_json` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `option_index_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_option_shard` UNIQUE(`organization_id`,`page_id`,`revision_id`,`source_version`,`level`,`parent_hash`,`shard`)
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` varchar(64) NOT NULL,
	`name` varchar(255) NOT NULL,
	`slug` varchar(63) NOT NULL,
	`plan_tier` enum('personal','team','enterprise') NOT NULL DEFAULT 'personal',
	`custom_subdomain` varchar(63),
	`usage_limits` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `organizations_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_org_slug` UNIQUE(`slug`),
	CONSTRAINT `uniq_org_custom_subdomain` UNIQUE(`custom_subdomain`)
);
--> statement-breakpoint
CREATE TABLE `overrides` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`source_key_text` varchar(512),
	`source_key_hash` varchar(64) NOT NULL,
	`target_key_text` varchar(512),
	`target_key_hash` varchar(64) NOT NULL,
	`value` tinyint NOT NULL,
	`note` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `overrides_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_override_pair` UNIQUE(`organization_id`,`page_id`,`source_key_hash`,`target_key_hash`)
);
--> statement-breakpoint
CREATE TABLE `page_revisions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`number` int NOT NULL,
	`snapshot_json` json NOT NULL,
	`published_by` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `page_revisions_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_revision_number` UNIQUE(`organization_id`,`page_id`,`number`)
);
--> statement-breakpoint
CREATE TABLE `public_pages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`slug` varchar(128) NOT NULL,
	`name` varchar(255) NOT NULL,
	`template` enum('finder','matrix') NOT NULL,
	`source_dataset_id` bigint unsigned NOT NULL,
	`target_dataset_id` bigint unsigned NOT NULL,
	`selection_policy_json` json NOT NULL,
	`device_policy_json` json NOT NULL,
	`messaging_json` json NOT NULL,
	`status` enum('draft','published') NOT NULL DEFAULT 'draft',
	`revision_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `public_pages_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_page_org_slug` UNIQUE(`organization_id`,`slug`)
);
--> statement-breakpoint
CREATE TABLE `source_datasets` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`definition_id` bigint unsigned NOT NULL,
	`name` varchar(255) NOT NULL,
	`status` enum('empty','importing','ready') NOT NULL DEFAULT 'empty',
	`row_count` int NOT NULL DEFAULT 0,
	`version` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `source_datasets_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `source_definitions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`slug` varchar(128) NOT NULL,
	`name` varchar(255) NOT NULL,
	`description` text,
	`schema_json` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `source_definitions_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_source_def_org_slug` UNIQUE(`organization_id`,`slug`)
);
--> statement-breakpoint
CREATE TABLE `source_dimension_values` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`dataset_id` bigint unsigned NOT NULL,
	`level` int NOT NULL,
	`parent_key_hash` char(64) NOT NULL,
	`value` varchar(255) NOT NULL,
	`value_count` int NOT NULL DEFAULT 1,
	CONSTRAINT `source_dimension_values_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_dim` UNIQUE(`organization_id`,`dataset_id`,`level`,`parent_key_hash`,`value`)
);
--> statement-breakpoint
CREATE TABLE `source_imports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`dataset_id` bigint unsigned NOT NULL,
	`status` enum('pending','processing','completed','failed') NOT NULL DEFAULT 'pending',
	`format` enum('csv','json') NOT NULL,
	`mode` enum('upsert','replace') NOT NULL DEFAULT 'upsert',
	`on_error` enum('abort','skip') NOT NULL DEFAULT 'abort',
	`file_name` varchar(255),
	`mapping_json` json,
	`stats_json` json,
	`errors_json` json,
	`warnings_json` json,
	`error` text,
	`rows_total` int NOT NULL DEFAULT 0,
	`rows_done` int NOT NULL DEFAULT 0,
	`created_by` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`started_at` datetime(3),
	`finished_at` datetime(3),
	CONSTRAINT `source_imports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `source_rows` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`dataset_id` bigint unsigned NOT NULL,
	`key_text` varchar(512) NOT NULL,
	`key_hash` char(64) NOT NULL,
	`label` varchar(512) NOT NULL DEFAULT '',
	`attrs_json` json NOT NULL,
	`content_hash` char(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`dims_json` json NOT NULL,
	CONSTRAINT `source_rows_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_source_row_key` UNIQUE(`organization_id`,`dataset_id`,`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`kind` varchar(32) NOT NULL,
	`page_id` bigint unsigned,
	`payload_json` json NOT NULL,
	`status` enum('pending','delivered') NOT NULL DEFAULT 'pending',
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_error` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`delivered_at` datetime(3),
	CONSTRAINT `sync_outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `target_datasets` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`definition_id` bigint unsigned NOT NULL,
	`name` varchar(255) NOT NULL,
	`status` enum('empty','importing','ready') NOT NULL DEFAULT 'empty',
	`row_count` int NOT NULL DEFAULT 0,
	`version` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `target_datasets_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `target_definitions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`slug` varchar(128) NOT NULL,
	`name` varchar(255) NOT NULL,
	`description` text,
	`schema_json` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `target_definitions_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_target_def_org_slug` UNIQUE(`organization_id`,`slug`)
);
--> statement-breakpoint
CREATE TABLE `target_imports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`dataset_id` bigint unsigned NOT NULL,
	`status` enum('pending','processing','completed','failed') NOT NULL DEFAULT 'pending',
	`format` enum('csv','json') NOT NULL,
	`mode` enum('upsert','replace') NOT NULL DEFAULT 'upsert',
	`on_error` enum('abort','skip') NOT NULL DEFAULT 'abort',
	`file_name` varchar(255),
	`mapping_json` json,
	`stats_json` json,
	`errors_json` json,
	`warnings_json` json,
	`error` text,
	`rows_total` int NOT NULL DEFAULT 0,
	`rows_done` int NOT NULL DEFAULT 0,
	`created_by` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`started_at` datetime(3),
	`finished_at` datetime(3),
	CONSTRAINT `target_imports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `target_rows` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`dataset_id` bigint unsigned NOT NULL,
	`key_text` varchar(512) NOT NULL,
	`key_hash` char(64) NOT NULL,
	`label` varchar(512) NOT NULL DEFAULT '',
	`attrs_json` json NOT NULL,
	`content_hash` char(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `target_rows_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_target_row_key` UNIQUE(`organization_id`,`dataset_id`,`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` varchar(64) NOT NULL,
	`email` varchar(320) NOT NULL,
	`name` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_user_email` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE INDEX `idx_api_keys_org` ON `api_keys` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_audit_org_time` ON `audit_log` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_results_page` ON `compat_results` (`organization_id`,`page_id`,`revision_id`);--> statement-breakpoint
CREATE INDEX `idx_rules_page` ON `feature_rules` (`organization_id`,`page_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `idx_membership_user` ON `organization_memberships` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_source_ds_org_def` ON `source_datasets` (`organization_id`,`definition_id`);--> statement-breakpoint
CREATE INDEX `idx_source_imports_org_ds` ON `source_imports` (`organization_id`,`dataset_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_source_rows_label` ON `source_rows` (`organization_id`,`dataset_id`,`label`);--> statement-breakpoint
CREATE INDEX `idx_source_rows_key_text` ON `source_rows` (`organization_id`,`dataset_id`,`key_text`);--> statement-breakpoint
CREATE INDEX `idx_outbox_org` ON `sync_outbox` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_outbox_due` ON `sync_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `idx_target_ds_org_def` ON `target_datasets` (`organization_id`,`definition_id`);--> statement-breakpoint
CREATE INDEX `idx_target_imports_org_ds` ON `target_imports` (`organization_id`,`dataset_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_target_rows_label` ON `target_rows` (`organization_id`,`dataset_id`,`label`);--> statement-breakpoint
CREATE INDEX `idx_target_rows_key_text` ON `target_rows` (`organization_id`,`dataset_id`,`key_text`);