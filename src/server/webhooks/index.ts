/** Webhooks domain (docs/webhooks.md). Routers call only what is exported here. */
export { WEBHOOK_EVENTS, listWebhooks, getWebhook, createWebhook, updateWebhook, deleteWebhook, listDeliveries, webhookUrls, type WebhookEvent } from "./hooks";
export { enqueueEvent, drainWebhooks, kickWebhooks, configureWebhookDrainer, testWebhook, type WebhookPayload } from "./deliver";
export { signPayload, verifySignature, SIGNATURE_HEADER, EVENT_ID_HEADER, REPLAY_WINDOW_SECONDS } from "./sign";
export { refuseUrl, isNonPublicAddress } from "./ssrf";

import { registerImportEvents } from "./import-events";
// Imports report to webhooks from the moment the domain is loaded.
registerImportEvents();
