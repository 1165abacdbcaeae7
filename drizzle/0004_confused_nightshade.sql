CREATE TABLE `verdict_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`revision_id` bigint unsigned NOT NULL,
	`revision_number` int NOT NULL,
	`cause` enum('publish','source-data','target-data') NOT NULL,
	`note` varchar(1000),
	`from_snapshot_id` bigint unsigned,
	`to_snapshot_id` bigint unsigned NOT NULL,
	`changed` int NOT NULL,
	`better` int NOT NULL,
	`worse` int NOT NULL,
	`diff_json` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `verdict_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `verdict_snapshots` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`revision_id` bigint unsigned NOT NULL,
	`source_version` int NOT NULL,
	`target_version` int NOT NULL,
	`counts_json` json NOT NULL,
	`cells_json` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `verdict_snapshots_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`webhook_id` bigint unsigned NOT NULL,
	`event_id` varchar(64) NOT NULL,
	`event` varchar(64) NOT NULL,
	`payload_json` json NOT NULL,
	`status` enum('pending','delivered','failed') NOT NULL DEFAULT 'pending',
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_status_code` int,
	`last_error` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`delivered_at` datetime(3),
	CONSTRAINT `webhook_deliveries_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`url` varchar(2048) NOT NULL,
	`description` varchar(255),
	`events` json NOT NULL,
	`secret` varchar(128) NOT NULL,
	`enabled` boolean NOT NULL DEFAULT true,
	`disabled_reason` varchar(500),
	`consecutive_failures` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `webhooks_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `page_revisions` ADD `note` varchar(1000);--> statement-breakpoint
CREATE INDEX `idx_verdict_changes_page` ON `verdict_changes` (`organization_id`,`page_id`,`id`);--> statement-breakpoint
CREATE INDEX `idx_verdict_snapshots_page` ON `verdict_snapshots` (`organization_id`,`page_id`,`id`);--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_org` ON `webhook_deliveries` (`organization_id`,`webhook_id`,`id`);--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `idx_webhooks_org` ON `webhooks` (`organization_id`,`id`);