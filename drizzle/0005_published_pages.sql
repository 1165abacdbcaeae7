CREATE TABLE `published_pages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`organization_id` varchar(64) NOT NULL,
	`slug` varchar(128) NOT NULL,
	`page_id` bigint unsigned NOT NULL,
	`revision_id` bigint unsigned NOT NULL,
	`revision_number` int NOT NULL,
	`source_dataset_id` bigint unsigned NOT NULL,
	`target_dataset_id` bigint unsigned NOT NULL,
	`source_version` int NOT NULL,
	`target_version` int NOT NULL,
	`display_json` json NOT NULL,
	`generation` int NOT NULL DEFAULT 1,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `published_pages_id` PRIMARY KEY(`id`),
	CONSTRAINT `uniq_published_org_slug` UNIQUE(`organization_id`,`slug`),
	CONSTRAINT `uniq_published_org_page` UNIQUE(`organization_id`,`page_id`)
);
