ALTER TABLE `source_imports` ADD `heartbeat_at` datetime(3);--> statement-breakpoint
ALTER TABLE `source_rows` ADD `dims_hash` char(64) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `target_imports` ADD `heartbeat_at` datetime(3);--> statement-breakpoint
CREATE INDEX `idx_source_rows_dims` ON `source_rows` (`organization_id`,`dataset_id`,`dims_hash`);--> statement-breakpoint
-- Dimension values are compared exactly ("Web" and "web" are two options); a case-insensitive collation would make them collide in uniq_dim.
ALTER TABLE `source_dimension_values` MODIFY `value` varchar(255) COLLATE utf8mb4_bin NOT NULL;
