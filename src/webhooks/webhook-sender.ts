import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, isPublicAddress, TargetRefusedError } from '../core/http/outbound-guard.ts';

/** Limits of one attempt: the receiver has 10 s to answer; at most 64 KB of its answer is read. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
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
 * POSTs one delivery. Redirects are not followed (a 3xx is a failure: the endpoint must be
 * updated), only 2xx counts as delivered, and every failure comes back as a French reason.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !options.allowPrivate && !isPublicAddress(host)) {
    return Promise.resolve({
      ok: false,
      status: null,
      excerpt: null,
      durationMs: 0,
      error: `Adresse ${host} refusée : réseau privé ou local (adresses privées non autorisées).`,
    });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: elapsed() });
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_RESPONSE_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8').slice(0, EXCERPT_CHARS);
          const ok = status >= 200 && status < 300;
          finish({ ok, status, excerpt, error: ok ? null : `Réponse ${status} du destinataire.` });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('timeout', () => {
      request.destroy();
      finish({
        ok: false,
        status: null,
        excerpt: null,
        error: `Pas de réponse en ${Math.round((options.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000)} s.`,
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error instanceof TargetRefusedError
          ? error.message
          : error.code === 'ECONNREFUSED'
            ? 'Connexion refusée par le destinataire.'
            : error.code === 'ENOTFOUND'
              ? 'Nom de domaine introuvable.'
              : `Échec de l’envoi : ${error.code ?? error.message}.`;
      finish({ ok: false, status: null, excerpt: null, error: reason });
    });
    request.end(body);
  });
}
