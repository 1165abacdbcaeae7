CREATE TABLE `job_blobs` (
	`organization_id` varchar(64) NOT NULL,
	`job_id` bigint unsigned NOT NULL,
	`seq` int NOT NULL,
	`data` mediumblob NOT NULL,
	CONSTRAINT `job_blobs_job_id_seq_pk` PRIMARY KEY(`job_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`kind` varchar(32) NOT NULL,
	`subject` varchar(128) NOT NULL,
	`ref_id` bigint unsigned NOT NULL,
	`payload_json` json NOT NULL,
	`status` enum('queued','running','done','failed') NOT NULL DEFAULT 'queued',
	`attempts` int NOT NULL DEFAULT 0,
	`max_attempts` int NOT NULL DEFAULT 3,
	`lease_owner` varchar(128),
	`lease_until` datetime(3),
	`not_before` datetime(3),
	`last_error` text,
	`failure_json` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`finished_at` datetime(3),
	CONSTRAINT `jobs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `idx_job_blobs_org` ON `job_blobs` (`organization_id`,`job_id`);--> statement-breakpoint
CREATE INDEX `idx_jobs_org_ref` ON `jobs` (`organization_id`,`kind`,`ref_id`);--> statement-breakpoint
CREATE INDEX `idx_jobs_claim` ON `jobs` (`kind`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `idx_jobs_subject` ON `jobs` (`kind`,`subject`,`status`,`id`);