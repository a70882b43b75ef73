import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { loginRoutes } from './login-routes.ts';
import { myAccountRoutes } from './my-account-routes.ts';
import { passwordResetRoutes } from './password-reset-routes.ts';
import { secondFactorRoutes } from './second-factor-routes.ts';
import { setupRoutes } from './setup-routes.ts';
import { usersRoutes } from './users-routes.ts';

/**
 * The accounts screens:
 *
 *   GET/POST /admin/connexion                 sign in            login-routes.ts
 *   GET/POST /admin/connexion/code            TOTP code after the password    second-factor-routes.ts
 *   POST     /admin/deconnexion(-partout)     sign out (everywhere)
 *   GET      /admin/compte                     my account                      my-account-routes.ts
 *   POST     /admin/compte/nom, /admin/compte/mot-de-passe, /admin/compte/double-authentification(/activer|/desactiver)
 *   GET/POST /admin/installation/:token        first owner account             setup-routes.ts
 *   GET/POST /admin/invitation/:token          accept an invitation            invitation-routes.ts
 *   GET/POST /admin/mot-de-passe-oublie        ask for a reset link            password-reset-routes.ts
 *   GET/POST /admin/mot-de-passe/:token        choose a new password
 *   GET      /admin/utilisateurs(/:id)         accounts (administrators)       users-routes.ts
 *   POST     /admin/utilisateurs/invitation, /:id/role, /:id/statut, /:id/auteur, /:id/reinviter
 */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  loginRoutes(app, ctx);
  secondFactorRoutes(app, ctx);
  myAccountRoutes(app, ctx);
  setupRoutes(app, ctx);
  invitationRoutes(app, ctx);
  passwordResetRoutes(app, ctx);
  usersRoutes(app, ctx);
}
