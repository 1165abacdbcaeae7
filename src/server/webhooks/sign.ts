/**
 * Webhook signatures, the way Stripe and GitHub do it (docs/webhooks.md): HMAC-SHA256 with the
 * hook's secret over `"{timestamp}.{body}"`, sent as `webhook-signature: t={timestamp},v1={hex}`.
 * A receiver recomputes it over the raw body, compares in constant time, and refuses timestamps
 * outside its replay window.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "webhook-signature";
export const EVENT_ID_HEADER = "webhook-id";
export const EVENT_TYPE_HEADER = "webhook-event";
/** Receivers should refuse signatures older (or newer) than this. */
export const REPLAY_WINDOW_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/**
 * The verification recipe of docs/webhooks.md, as code: true when `header` carries a valid `v1`
 * signature of `body` made within the replay window around `nowSeconds`.
 */
export function verifySignature(secret: string, header: string, body: string, nowSeconds = Math.floor(Date.now() / 1000), windowSeconds = REPLAY_WINDOW_SECONDS): boolean {
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const [k, v] = item.split("=", 2);
    if (k && v) parts.set(k.trim(), [...(parts.get(k.trim()) ?? []), v.trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > windowSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  return (parts.get("v1") ?? []).some((sig) => {
    const got = Buffer.from(sig);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
