import robotsParserModule from 'robots-parser';
import type { AppContext } from '../core/app-context.ts';
import { type OutboundGetOptions, type OutboundGetResult, outboundGet } from '../core/http/outbound-fetch.ts';

// Every request of the desk to other sites (feeds, robots.txt, article pages) goes through here:
// Kiosque's outbound guard (public addresses only unless DESK_ALLOW_PRIVATE), robots.txt honoured
// (robots-parser, cached an hour per origin), and one request at a time per host with a pause
// between them (the larger of DESK_POLITENESS_MS and the site's Crawl-delay). The waits are kept
// per process.

/** How the desk names itself to the sites it reads (and in robots.txt groups). */
export const DESK_USER_AGENT = 'KiosqueVeille';
const ROBOTS_TTL_MS = 3600_000;
const MAX_CRAWL_DELAY_MS = 30_000;

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// The package's types declare an ES default export; at run time the CommonJS export is the function itself.
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robots;

interface HostState {
  robots: Map<string, { robots: Robots | 'unreachable'; expires: number }>;
  nextSlot: Map<string, number>;
}

const states = new WeakMap<AppContext, HostState>();

function stateOf(ctx: AppContext): HostState {
  let state = states.get(ctx);
  if (!state) {
    state = { robots: new Map(), nextSlot: new Map() };
    states.set(ctx, state);
  }
  return state;
}

function userAgent(ctx: AppContext): string {
  return `${DESK_USER_AGENT}/1.0 (+${ctx.config.publicUrl})`;
}

/** Waits for this host's turn, then books the next one. */
async function politeTurn(ctx: AppContext, host: string, crawlDelayMs: number): Promise<void> {
  const state = stateOf(ctx);
  const gap = Math.max(ctx.config.deskPolitenessMs, Math.min(crawlDelayMs, MAX_CRAWL_DELAY_MS));
  const now = Date.now();
  const slot = Math.max(now, state.nextSlot.get(host) ?? 0);
  state.nextSlot.set(host, slot + gap);
  if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
}

async function robotsFor(ctx: AppContext, origin: string): Promise<Robots | 'unreachable'> {
  const state = stateOf(ctx);
  const cached = state.robots.get(origin);
  if (cached && cached.expires > Date.now()) return cached.robots;
  const url = `${origin}/robots.txt`;
  await politeTurn(ctx, new URL(origin).host, 0);
  const answer = await outboundGet(url, {
    allowPrivate: ctx.config.deskAllowPrivate,
    timeoutMs: 10_000,
    maxBytes: 512 * 1024,
    maxRedirects: 3,
    headers: { 'user-agent': userAgent(ctx) },
  });
  // RFC 9309: no robots.txt (4xx) allows everything; an unreachable one (5xx, network) allows nothing for now.
  let robots: Robots | 'unreachable';
  if (answer.ok) robots = robotsParser(url, answer.body.toString('utf8'));
  else if (answer.status !== undefined && answer.status >= 400 && answer.status < 500) robots = robotsParser(url, '');
  else robots = 'unreachable';
  state.robots.set(origin, { robots, expires: Date.now() + (robots === 'unreachable' ? 60_000 : ROBOTS_TTL_MS) });
  return robots;
}

/** A GET of another site's page or feed, within robots.txt, politeness and the outbound limits. */
export async function politeGet(
  ctx: AppContext,
  url: string,
  options: Pick<OutboundGetOptions, 'maxBytes' | 'timeoutMs' | 'headers'>,
): Promise<OutboundGetResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, reason: 'adresse invalide' };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { ok: false, reason: 'seules les adresses http(s) sont suivies' };
  const robots = await robotsFor(ctx, target.origin);
  if (robots === 'unreachable') return { ok: false, reason: 'robots.txt du site injoignable, lecture remise à plus tard' };
  if (robots.isAllowed(target.href, DESK_USER_AGENT) === false)
    return { ok: false, reason: 'le robots.txt du site interdit cette adresse' };
  await politeTurn(ctx, target.host, (robots.getCrawlDelay(DESK_USER_AGENT) ?? 0) * 1000);
  return outboundGet(target.href, {
    allowPrivate: ctx.config.deskAllowPrivate,
    maxRedirects: 5,
    ...options,
    headers: { 'user-agent': userAgent(ctx), ...options.headers },
  });
}
