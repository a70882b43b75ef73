import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, isPublicAddress } from './outbound-guard.ts';

/** Limits of one outbound GET: time, size, redirects; private addresses refused unless allowed. */
export interface OutboundGetOptions {
  allowPrivate: boolean;
  /** Whole exchange, redirects included, from the first byte sent to the last received. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Extra request headers (User-Agent, If-None-Match, If-Modified-Since…). */
  headers?: Record<string, string>;
}

/**
 * The body of a 200 answer (with its headers, its validators for the next conditional GET and the
 * address finally reached), `notModified` for a 304 to a conditional GET, or a French reason for
 * not having it; `status` says which answer it was when there was one.
 */
export type OutboundGetResult =
  | {
      ok: true;
      body: Buffer;
      contentType: string;
      headers: http.IncomingHttpHeaders;
      url: string;
      notModified?: boolean;
      etag?: string;
      lastModified?: string;
    }
  | { ok: false; reason: string; status?: number };

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: 'nom de domaine introuvable',
  ECONNREFUSED: 'connexion refusée',
  ECONNRESET: 'connexion interrompue',
  EHOSTUNREACH: 'serveur injoignable',
  ETIMEDOUT: 'délai de connexion dépassé',
};

/** GETs a URL with Kiosque's limits for addresses it was given (imported images, feeds). */
export function outboundGet(url: string, options: OutboundGetOptions): Promise<OutboundGetResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  return getOnce(url, options, deadline, new Set());
}

function getOnce(url: string, options: OutboundGetOptions, deadline: number, visited: Set<string>): Promise<OutboundGetResult> {
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
  if (visited.has(target.href)) return Promise.resolve({ ok: false, reason: 'boucle de redirections' });
  visited.add(target.href);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !options.allowPrivate && !isPublicAddress(host))
    return Promise.resolve({ ok: false, reason: `adresse ${host} privée ou locale refusée` });
  const client = target.protocol === 'https:' ? https : http;
  const remaining = Math.max(1, deadline - Date.now());
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: OutboundGetResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.get(
      target,
      { lookup: guardedLookup(options.allowPrivate), timeout: remaining, headers: options.headers },
      (response) => {
        const status = response.statusCode ?? 0;
        const validators = {
          ...(typeof response.headers.etag === 'string' ? { etag: response.headers.etag } : {}),
          ...(typeof response.headers['last-modified'] === 'string' ? { lastModified: response.headers['last-modified'] } : {}),
        };
        if (status === 304 && options.headers) {
          response.resume();
          return finish({
            ok: true,
            notModified: true,
            body: Buffer.alloc(0),
            contentType: '',
            headers: response.headers,
            url: target.href,
            ...validators,
          });
        }
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          if (visited.size > (options.maxRedirects ?? 3)) return finish({ ok: false, reason: 'trop de redirections', status });
          clearTimeout(timer);
          settled = true;
          return resolve(getOnce(new URL(response.headers.location, target).href, options, deadline, visited));
        }
        if (status !== 200) {
          response.resume();
          return finish({ ok: false, reason: `réponse ${status}`, status });
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          request.destroy();
          return finish({ ok: false, reason: `plus de ${Math.round(maxBytes / 1024 / 1024)} Mo`, status });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy();
            finish({ ok: false, reason: `plus de ${Math.round(maxBytes / 1024 / 1024)} Mo`, status });
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          finish({
            ok: true,
            body: Buffer.concat(chunks),
            contentType: String(response.headers['content-type'] ?? ''),
            headers: response.headers,
            url: target.href,
            ...validators,
          }),
        );
        response.on('error', (error) => finish({ ok: false, reason: error.message }));
      },
    );
    // The socket timeout only sees silence; this one also ends a server that trickles bytes.
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, reason: `pas de réponse complète en ${Math.round(timeoutMs / 1000)} s` });
    }, remaining);
    request.on('timeout', () => {
      request.destroy();
      finish({ ok: false, reason: `pas de réponse complète en ${Math.round(timeoutMs / 1000)} s` });
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, reason: NETWORK_ERRORS[error.code ?? ''] ?? error.message }));
  });
}

/** Limits of one outbound POST: time; private addresses refused unless allowed. Redirects are not followed. */
export interface OutboundPostOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
}

/** Whether the receiver took the POST (2xx), or a French reason for not knowing it did. */
export type OutboundPostResult = { ok: true; status: number } | { ok: false; reason: string };

/** POSTs a body to a URL Kiosque was configured with (pings to search engines and hubs); the answer is not read. */
export function outboundPost(url: string, body: string, contentType: string, options: OutboundPostOptions): Promise<OutboundPostResult> {
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
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, reason: `réponse ${status}` });
      },
    );
    request.on('timeout', () => {
      request.destroy();
      resolve({ ok: false, reason: `pas de réponse en ${Math.round(timeoutMs / 1000)} s` });
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, reason: error.code === 'ENOTFOUND' ? 'nom de domaine introuvable' : error.message }),
    );
    request.end(body);
  });
}
