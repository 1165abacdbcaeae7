/**
 * The seam between the sync outbox and Convex: the drain hands a batch of deliveries to a
 * `SyncSink`, which either delivers all of them or throws (and the batch is retried).
 *
 * Kept free of Next, the database and `~/env` so scripts and tests can use it directly;
 * the caller passes the configuration in.
 */
import { MAX_DELIVERIES_PER_REQUEST, type Delivery } from "../../../convex/lib/deliveries";

export type {
  Delivery,
  DeliveryKind,
  OptionShardsData,
  PageDisplayData,
  PageRemoveData,
  ResultCacheData,
} from "../../../convex/lib/deliveries";
export { MAX_DELIVERIES_PER_REQUEST };

/** Delivers outbox entries to the read cache. Resolves only when every delivery was accepted. */
export interface SyncSink {
  deliver(deliveries: Delivery[]): Promise<void>;
}

/** Why a delivery attempt failed; `status` is absent when no HTTP answer arrived. */
export class ConvexSyncError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ConvexSyncError";
  }
}

export type ConvexHttpSinkOptions = {
  /** The deployment's HTTP actions origin, e.g. `https://happy-otter-123.convex.site` (env `CONVEX_SITE_URL`). */
  siteUrl: string;
  /** Must equal `SYNC_SECRET` on the Convex deployment (env `CONVEX_SYNC_SECRET`). */
  secret: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per request; a hung Convex must not stall the drain. */
  timeoutMs?: number;
};

export const DEFAULT_SYNC_TIMEOUT_MS = 10_000;

/**
 * A sink that POSTs batches to the deployment's `/sync` HTTP action, in requests of at most
 * {@link MAX_DELIVERIES_PER_REQUEST}, in order.
 */
export function createConvexHttpSink(options: ConvexHttpSinkOptions): SyncSink {
  const { secret, timeoutMs = DEFAULT_SYNC_TIMEOUT_MS } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  if (!secret) throw new Error("createConvexHttpSink: secret is required");
  if (!URL.canParse(options.siteUrl)) {
    throw new Error(`createConvexHttpSink: siteUrl is not a URL: ${JSON.stringify(options.siteUrl)}`);
  }
  const endpoint = `${options.siteUrl.replace(/\/+$/, "")}/sync`;

  async function post(deliveries: Delivery[]): Promise<void> {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ deliveries }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new ConvexSyncError(
        timedOut
          ? `Convex sync to ${endpoint} timed out after ${timeoutMs} ms`
          : `Convex sync to ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!response.ok) {
      const detail = await errorDetail(response);
      throw new ConvexSyncError(
        `Convex sync to ${endpoint} answered ${response.status}${detail ? `: ${detail}` : ""}`,
        response.status,
      );
    }
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
  }

  return {
    async deliver(deliveries) {
      for (let i = 0; i < deliveries.length; i += MAX_DELIVERIES_PER_REQUEST) {
        await post(deliveries.slice(i, i + MAX_DELIVERIES_PER_REQUEST));
      }
    },
  };
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 500);
}
