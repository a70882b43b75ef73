import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, isPublicAddress, TargetRefusedError } from './outbound-guard.ts';

/** Limits of one outbound GET: time, size, redirects; private addresses refused unless allowed. */
export interface OutboundGetOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Request headers, e.g. If-None-Match / If-Modified-Since for a conditional GET. */
  headers?: Record<string, string>;
}

/**
 * The body of a 200 answer (with its validators for the next conditional GET), `notModified` for
 * a 304 to a conditional GET, or a French reason for not having it.
 */
export type OutboundGetResult =
  | { ok: true; body: Buffer; contentType: string; notModified?: boolean; etag?: string; lastModified?: string }
  | { ok: false; reason: string };

/** GETs a URL with Kiosque's limits for addresses it was given (imported images, feeds). */
export function outboundGet(url: string, options: OutboundGetOptions, redirects = 0): Promise<OutboundGetResult> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, reason: 'adresse invalide' });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.resolve({ ok: false, reason: 'seules les adresses http(s) sont suivies' });
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !options.allowPrivate && !isPublicAddress(host))
    return Promise.resolve({ ok: false, reason: `adresse ${host} privée ou locale refusée` });
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.get(
      target,
      { lookup: guardedLookup(options.allowPrivate), timeout: timeoutMs, headers: options.headers },
      (response) => {
        const status = response.statusCode ?? 0;
        const validators = {
          ...(typeof response.headers.etag === 'string' ? { etag: response.headers.etag } : {}),
          ...(typeof response.headers['last-modified'] === 'string' ? { lastModified: response.headers['last-modified'] } : {}),
        };
        if (status === 304 && options.headers) {
          response.resume();
          return resolve({ ok: true, notModified: true, body: Buffer.alloc(0), contentType: '', ...validators });
        }
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          if (redirects >= (options.maxRedirects ?? 3)) return resolve({ ok: false, reason: 'trop de redirections' });
          return resolve(outboundGet(new URL(response.headers.location, target).href, options, redirects + 1));
        }
        if (status !== 200) {
          response.resume();
          return resolve({ ok: false, reason: `réponse ${status}` });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy();
            resolve({ ok: false, reason: `plus de ${Math.round(maxBytes / 1024 / 1024)} Mo` });
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({ ok: true, body: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? ''), ...validators }),
        );
        response.on('error', (error) => resolve({ ok: false, reason: error.message }));
      },
    );
    request.on('timeout', () => {
      request.destroy();
      resolve({ ok: false, reason: `pas de réponse en ${Math.round(timeoutMs / 1000)} s` });
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, reason: error.code === 'ENOTFOUND' ? 'nom de domaine introuvable' : error.message }),
    );
  });
}

/** The answer to one outbound POST: 2xx or not, what was read of the body, or a French reason. */
export interface OutboundAnswer {
  ok: boolean;
  status: number | null;
  /** The answer's first `maxBytes` bytes, as text ('' when none). */
  body: string;
  durationMs: number;
  error: string | null;
}

/**
 * THE outbound POST, to an address Kiosque was configured with (webhooks, the comment classifier,
 * pings to search engines and WebSub hubs), with the caller's headers. Private addresses are refused
 * unless allowed; redirects are not followed (a 3xx is a failure: the address must be updated);
 * only 2xx counts; at most `maxBytes` of the answer are read; every failure comes back as a French
 * reason.
 */
export function outboundPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs: number; maxBytes?: number },
): Promise<OutboundAnswer> {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, status: null, body: '', durationMs: 0, error: 'Adresse invalide.' });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.resolve({ ok: false, status: null, body: '', durationMs: 0, error: 'Seules les adresses http(s) sont acceptées.' });
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !options.allowPrivate && !isPublicAddress(host)) {
    return Promise.resolve({
      ok: false,
      status: null,
      body: '',
      durationMs: 0,
      error: `Adresse ${host} refusée : réseau privé ou local (adresses privées non autorisées).`,
    });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<OutboundAnswer, 'durationMs'>) => {
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
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= maxBytes) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= maxBytes) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
          const ok = status >= 200 && status < 300;
          finish({ ok, status, body: text, error: ok ? null : `Réponse ${status} du destinataire.` });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('timeout', () => {
      request.destroy();
      finish({ ok: false, status: null, body: '', error: `Pas de réponse en ${Math.round(options.timeoutMs / 1000)} s.` });
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
      finish({ ok: false, status: null, body: '', error: reason });
    });
    request.end(body);
  });
}
