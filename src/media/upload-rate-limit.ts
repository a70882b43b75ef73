import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { httpRateLimitStore } from '../core/rate-limit/rate-limiter.ts';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

// One limiter per application, shared by the back office's upload forms and the API's upload
// route, so an account has one budget whichever door it uses.
const limiters = new WeakMap<AppContext, Limiter>();

const HOUR_MS = 3600_000;

/**
 * Installs the per-account upload limit (UPLOADS_PER_HOUR, one hour window) in the media plugin's
 * scope. Decoding and encoding images is the most expensive thing an account can ask for.
 */
export async function installUploadRateLimit(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(fastifyRateLimit, { global: false, ...httpRateLimitStore(ctx.redis, ctx.config.redisPrefix) });
  limiters.set(
    ctx,
    scope.createRateLimit({
      max: ctx.config.uploadsPerHour,
      timeWindow: HOUR_MS,
      // Counted per account (the session's or the token's owner), never per address.
      keyGenerator: (request) => `upload:${request.actor?.userId ?? 'anonyme'}`,
    }),
  );
}

/**
 * Counts one upload for the signed-in account; past its hourly budget, a 429 `rate_limited` saying
 * when to retry (also in Retry-After), before a byte of the file is read.
 */
export async function assertUploadAllowed(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const limiter = limiters.get(ctx);
  if (!limiter) throw new Error('installUploadRateLimit was not called');
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  // The file is not wanted: let it flow past, so the browser reads the answer rather than a reset connection.
  request.raw.resume();
  reply.header('retry-after', result.ttlInSeconds);
  const minutes = Math.max(1, Math.ceil(result.ttlInSeconds / 60));
  throw new AppError(
    'rate_limited',
    429,
    `Trop d’envois de médias pour ce compte (${result.max} par heure) : réessayez dans ${minutes} min.`,
    { details: { limit: result.max, retryAfterSeconds: result.ttlInSeconds } },
  );
}
