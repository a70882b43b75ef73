import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../app-context.ts';
import { infrastructureCause } from '../db/infrastructure-errors.ts';
import { pendingMigrations } from '../db/migrate.ts';

/**
 * GET /healthz: the process is up (for a supervisor that restarts it). GET /readyz: it can serve,
 * i.e. the database answers and every migration ran (for a load balancer that routes to it).
 * Neither is cached; while the server shuts down, Fastify answers 503 to both.
 */
export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8');
    return 'ok\n';
  });

  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`select 1`.execute(ctx.db);
      const pending = await pendingMigrations(ctx.db);
      if (pending.length > 0) return reply.code(503).send({ status: 'not_ready', reason: `migrations en attente : ${pending.join(', ')}` });
      return { status: 'ready', database: ctx.dialect };
    } catch (error) {
      const reason = infrastructureCause(error) ?? (error instanceof Error ? error.message : String(error));
      return reply.code(503).send({ status: 'not_ready', reason: `base de données injoignable — ${reason}` });
    }
  });
}
