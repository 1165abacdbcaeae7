ALTER TABLE `compat_results` ADD `kind` enum('finder','matrix') DEFAULT 'finder' NOT NULL;--> statement-breakpoint
ALTER TABLE `compat_results` ADD `source_version` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `compat_results` ADD `target_version` int DEFAULT 0 NOT NULL;