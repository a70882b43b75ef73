import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';

// Being built (issue 3): sessions, API tokens and CSRF. Until then nobody is signed in.
export async function installAccounts(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  app.decorateRequest('actor', null);
}
