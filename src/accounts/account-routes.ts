import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { loginRoutes } from './login-routes.ts';

/**
 * The accounts screens:
 *
 *   GET/POST /admin/connexion                 sign in            login-routes.ts
 *   POST     /admin/deconnexion(-partout)     sign out (everywhere)
 */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  loginRoutes(app, ctx);
}
