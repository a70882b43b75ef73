import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';

// Being built (issue 3). Registers nothing yet.
export function mediaRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
