import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAccountPage } from '../accounts/account-page.ts';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { Actor, Permission } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { EMPTY_TOKEN_FORM, renderTokenScreen, type TokenFormState } from './token-admin-view.ts';
import { createApiToken, grantableScopes, revokeApiToken, tokenInputSchema } from './tokens/token-operations.ts';
import { listApiTokens } from './tokens/token-repository.ts';

// The urlencoded form as browsers send it: one checkbox ticked gives a string, several an array.
const formSchema = z.object({
  name: z.string().default(''),
  scopes: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : [v])),
  lifetime: z.string().default(''),
});

function ownerOf(request: FastifyRequest): Actor & { userId: number; role: Exclude<Actor['role'], 'system'> } {
  const actor = actorOf(request);
  if (actor.userId === null || actor.role === 'system')
    throw new AppError('forbidden', 403, 'Seul un compte personnel peut avoir des jetons.');
  return actor as Actor & { userId: number; role: Exclude<Actor['role'], 'system'> };
}

/** /admin/jetons: each person lists, creates (secret shown once) and revokes their own API tokens. */
export function tokenAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const screen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: TokenFormState; created?: { name: string; secret: string }; message?: string; status?: number } = {},
  ) => {
    const owner = ownerOf(request);
    const tokens = await listApiTokens(ctx.db, owner.userId);
    return sendAccountPage(ctx, request, reply, {
      title: 'Jetons d’API',
      active: 'jetons',
      status: extra.status,
      main: (csrfToken) =>
        renderTokenScreen({
          tokens,
          grantable: grantableScopes(owner.role),
          form: extra.form ?? EMPTY_TOKEN_FORM,
          csrfToken,
          created: extra.created,
          message: extra.message,
        }),
    });
  };

  app.get('/admin/jetons', { preHandler: requireActor('token:manage-own') }, async (request, reply) => {
    const revoked = (request.query as { revoque?: string }).revoque === '1';
    return screen(request, reply, { message: revoked ? 'Le jeton a été révoqué : il ne fonctionne plus.' : undefined });
  });

  app.post('/admin/jetons', { onRequest: app.csrfProtection, preHandler: requireActor('token:manage-own') }, async (request, reply) => {
    const owner = ownerOf(request);
    const raw = formSchema.parse(request.body ?? {});
    const form: TokenFormState = { name: raw.name, scopes: raw.scopes as Permission[], lifetime: raw.lifetime, errors: {} };
    const lifetimeDays = raw.lifetime === '' ? null : Number(raw.lifetime);
    const parsed = tokenInputSchema.safeParse({ name: raw.name, scopes: raw.scopes, lifetimeDays });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'lifetimeDays' ? 'lifetime' : (issue.path[0] as 'name' | 'scopes');
        form.errors[field] ??= issue.path[0] === 'scopes' && issue.code !== 'too_small' ? 'Permission inconnue.' : issue.message;
      }
      return screen(request, reply, { form, status: 422 });
    }
    try {
      const { secret } = await createApiToken(ctx.db, owner, parsed.data);
      return screen(request, reply, { created: { name: parsed.data.name, secret } });
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        form.errors.scopes = error.message;
        return screen(request, reply, { form, status: 422 });
      }
      throw error;
    }
  });

  app.post(
    '/admin/jetons/:id/revoquer',
    { onRequest: app.csrfProtection, preHandler: requireActor('token:manage-own') },
    async (request, reply) => {
      const id = pathId((request.params as { id?: unknown }).id, 'Ce jeton n’existe pas.');
      await revokeApiToken(ctx.db, ownerOf(request), id);
      return reply.redirect('/admin/jetons?revoque=1', 303);
    },
  );
}
