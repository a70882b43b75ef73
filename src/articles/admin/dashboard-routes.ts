import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/app-context.ts';
import { registerArticleJobs } from '../operations/publish-scheduled-job.ts';

/** /admin (tableau de bord), /admin/articles and the workflow actions. Being built. */
export function dashboardRoutes(_app: FastifyInstance, _ctx: AppContext): void {
  // The job runner publishes scheduled articles through this handler.
  registerArticleJobs();
}
