import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, isPublicAddress } from './outbound-guard.ts';

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
