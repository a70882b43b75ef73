import { outboundPost } from '../core/http/outbound-fetch.ts';

/** Limits of one attempt: the receiver has 10 s to answer; at most 64 KB of its answer is read. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of the receiver's answer the delivery log keeps. */
export const EXCERPT_CHARS = 500;

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  excerpt: string | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs one delivery (core/http/outbound-fetch.ts: no redirects followed, only 2xx counts, 64 KB
 * of the answer read at most); the log keeps an excerpt of the answer.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<AttemptResult> {
  const result = await outboundPost(url, headers, body, {
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
  });
  return {
    ok: result.ok,
    status: result.status,
    excerpt: result.status === null ? null : result.body.slice(0, EXCERPT_CHARS),
    durationMs: result.durationMs,
    error: result.error,
  };
}
