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

/**
 * Why a delivery attempt failed; `status` is absent when no HTTP answer arrived.
 * `deliveryIds` are the outbox ids of the failed request, in order, so `deliveries[i]` in a
 * 400 message is `deliveryIds[i]`. Requests before it in the same batch were applied.
 */
export class ConvexSyncError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly deliveryIds: string[],
  ) {
    super(message);
    this.name = "ConvexSyncError";
  }

  /**
   * False when resending the same batch cannot succeed (400: a malformed delivery, whose
   * index the message names). Timeouts, 401 (secret being rotated), 429 and 5xx are retryable.
   */
  get retryable(): boolean {
    return (
      this.status === undefined ||
      this.status === 401 ||
      this.status === 408 ||
      this.status === 429 ||
      this.status >= 500
    );
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

/** Convex refuses HTTP action bodies over 20 MiB; stay well below. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

const utf8 = new TextEncoder();

/** One `/sync` request: its JSON body and the outbox ids in it, in order. */
export type SyncRequest = { body: string; ids: string[] };

/**
 * Groups deliveries into requests of at most `maxCount` deliveries and `maxBytes` of JSON
 * (a single larger delivery goes alone), preserving order.
 */
export function packRequests(deliveries: Delivery[], maxCount: number, maxBytes: number): SyncRequest[] {
  const requests: SyncRequest[] = [];
  let parts: string[] = [];
  let ids: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (parts.length > 0) requests.push({ body: `{"deliveries":[${parts.join(",")}]}`, ids });
    parts = [];
    ids = [];
    bytes = 0;
  };
  for (const delivery of deliveries) {
    const json = JSON.stringify(delivery);
    const size = utf8.encode(json).length + 1;
    if (parts.length >= maxCount || (parts.length > 0 && bytes + size > maxBytes)) flush();
    parts.push(json);
    ids.push(delivery.id);
    bytes += size;
  }
  flush();
  return requests;
}

/**
 * A sink that POSTs batches to the deployment's `/sync` HTTP action, split into requests of
 * at most {@link MAX_DELIVERIES_PER_REQUEST} deliveries and {@link MAX_REQUEST_BYTES}, in order.
 */
export function createConvexHttpSink(options: ConvexHttpSinkOptions): SyncSink {
  const { secret, timeoutMs = DEFAULT_SYNC_TIMEOUT_MS } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  if (!secret) throw new Error("createConvexHttpSink: secret is required");
  if (!URL.canParse(options.siteUrl)) {
    throw new Error(`createConvexHttpSink: siteUrl is not a URL: ${JSON.stringify(options.siteUrl)}`);
  }
  const endpoint = `${options.siteUrl.replace(/\/+$/, "")}/sync`;

  async function post({ body, ids }: SyncRequest): Promise<void> {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new ConvexSyncError(
        timedOut
          ? `Convex sync to ${endpoint} timed out after ${timeoutMs} ms`
          : `Convex sync to ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`,
        undefined,
        ids,
      );
    }
    if (!response.ok) {
      const detail = await errorDetail(response);
      throw new ConvexSyncError(
        `Convex sync to ${endpoint} answered ${response.status}${detail ? `: ${detail}` : ""}`,
        response.status,
        ids,
      );
    }
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
  }

  return {
    async deliver(deliveries) {
      for (const request of packRequests(deliveries, MAX_DELIVERIES_PER_REQUEST, MAX_REQUEST_BYTES))
        await post(request);
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
