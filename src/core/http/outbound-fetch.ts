import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import { guardedLookup, isPublicAddress, TargetRefusedError } from './outbound-guard.ts';

// Taken as CommonJS modules, not imported: an ES import of node:http reads every one of its exports
// to build the module's namespace, among them WebSocket, whose getter loads Node's whole fetch
// implementation (undici): 1.5 MB of heap in every server, which sends nothing through it.
const http = process.getBuiltinModule('node:http');
const https = process.getBuiltinModule('node:https');

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
      headers: IncomingHttpHeaders;
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
