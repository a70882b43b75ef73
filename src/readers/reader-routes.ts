import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfCheck, csrfTokenFor, formBody, formValue } from '../curation/curation-http.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { deleteReaderAccount, exportReaderData } from './reader-data.ts';
import {
  confirmEmailChange,
  linkIsUsable,
  readerSecret,
  requestEmailChange,
  requestSignInLink,
  setReplyNotifications,
  updateReaderProfile,
  useSignInLink,
} from './reader-operations.ts';
import { linkPage, profilePage, sendReaderPage, signInPage } from './reader-pages.ts';
import { newChallenge } from './proof-of-work.ts';
import {
  endReaderSession,
  installReaderSessions,
  readerCookieName,
  readerOf,
  requireReader,
  safeReturnPath,
  startReaderSession,
} from './reader-session.ts';

const tokenParams = z.object({ token: z.string().min(20).max(100) });

const PROFILE_NOTICES: Record<string, string> = {
  nom: 'Votre nom est enregistré.',
  email: 'Un lien de confirmation a été envoyé à la nouvelle adresse.',
  'email-confirme': 'Votre nouvelle adresse est enregistrée.',
  notifications: 'Vos préférences de notification sont enregistrées.',
  connecte: 'Vous êtes connecté.',
};

function fieldOf(error: AppError): string {
  const details = error.details as { field?: string } | undefined;
  return details?.field ?? '';
}

/**
 * Reader accounts (public side):
 *   GET  /lecteurs/defi                 a proof-of-work challenge (JSON, never cached)
 *   GET  /lecteurs/connexion            the sign-in form (e-mail); POST sends the magic link
 *   GET  /lecteurs/lien/:token          the link's page (a button); POST uses it once and signs in
 *   GET  /lecteurs/profil               name, e-mail, notifications, notices, data, deletion
 *   POST /lecteurs/profil/nom | /email | /notifications
 *   GET  /lecteurs/email/:token         confirm a new address; POST applies it
 *   GET  /lecteurs/donnees.json         download my data
 *   POST /lecteurs/suppression          delete my account (comments kept or erased)
 *   POST /lecteurs/deconnexion
 */
export function readerRoutes(app: FastifyInstance, ctx: AppContext): void {
  installReaderSessions(app, ctx);
  const csrf = csrfCheck(app);

  app.get('/lecteurs/defi', async (_request, reply) => {
    const challenge = newChallenge(await readerSecret(ctx), ctx.config.proofOfWorkMax);
    return reply.headers({ 'cache-control': 'private, no-store' }).send(challenge);
  });

  app.get('/lecteurs/connexion', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    return sendReaderPage(ctx, request, reply, {
      title: 'Se connecter',
      path: '/lecteurs/connexion',
      main: signInPage({ csrf: csrfTokenFor(reply), sent: query.envoye === '1', returnPath: safeReturnPath(query.suite) }),
    });
  });

  app.post('/lecteurs/connexion', { onRequest: csrf }, async (request, reply) => {
    const body = formBody(request);
    const returnPath = safeReturnPath(formValue(body.suite));
    try {
      await requestSignInLink(ctx, { email: formValue(body.email), proof: formValue(body.altcha), ip: request.ip, returnPath });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return sendReaderPage(ctx, request, reply, {
        title: 'Se connecter',
        path: '/lecteurs/connexion',
        status: error.status,
        main: signInPage({
          csrf: csrfTokenFor(reply),
          email: formValue(body.email),
          error: error.message,
          errorField: fieldOf(error),
          returnPath,
        }),
      });
    }
    return reply.redirect('/lecteurs/connexion?envoye=1', 303);
  });

  app.get('/lecteurs/lien/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const usable = await linkIsUsable(ctx, token, 'sign_in');
    const suite = safeReturnPath((request.query as Record<string, unknown>)?.suite);
    return sendReaderPage(ctx, request, reply, {
      title: 'Connexion',
      path: '/lecteurs/connexion',
      status: usable ? 200 : 410,
      main: linkPage({
        csrf: csrfTokenFor(reply),
        usable,
        action: `/lecteurs/lien/${token}${suite ? `?suite=${encodeURIComponent(suite)}` : ''}`,
        title: 'Se connecter',
        button: 'Me connecter',
      }),
    });
  });

  app.post('/lecteurs/lien/:token', { onRequest: csrf }, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const readerId = await useSignInLink(ctx, token);
    await startReaderSession(ctx, reply, readerId);
    const reader = await ctx.db.selectFrom('readers').select('display_name').where('id', '=', readerId).executeTakeFirstOrThrow();
    const suite = safeReturnPath((request.query as Record<string, unknown>)?.suite);
    if (!reader.display_name)
      return reply.redirect(`/lecteurs/profil${suite ? `?suite=${encodeURIComponent(suite)}` : '?ok=connecte'}`, 303);
    return reply.redirect(suite ?? '/lecteurs/profil?ok=connecte', 303);
  });

  async function showProfile(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { ok?: string | null; error?: { field: string; message: string; value?: string }; status?: number } = {},
  ) {
    const reader = readerOf(request);
    const [row, notices] = await Promise.all([
      ctx.db.selectFrom('readers').select('bio').where('id', '=', reader.id).executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('reader_notices')
        .select(['kind', 'message', 'created_at', 'comment_id'])
        .where('reader_id', '=', reader.id)
        .orderBy('created_at', 'desc')
        .limit(20)
        .execute(),
    ]);
    return sendReaderPage(ctx, request, reply, {
      title: 'Mon compte',
      path: '/lecteurs/profil',
      status: extra.status,
      main: profilePage({
        csrf: csrfTokenFor(reply),
        reader,
        bio: row.bio,
        notices: notices.map((n) => ({ kind: n.kind, message: n.message, createdAt: n.created_at, commentId: n.comment_id })),
        ok: extra.ok,
        error: extra.error,
        returnPath: safeReturnPath((request.query as Record<string, unknown>)?.suite),
      }),
    });
  }

  app.get('/lecteurs/profil', { preHandler: requireReader }, async (request, reply) => {
    const ok = (request.query as Record<string, unknown>)?.ok;
    return showProfile(request, reply, { ok: typeof ok === 'string' ? (PROFILE_NOTICES[ok] ?? null) : null });
  });

  async function formAction(
    request: FastifyRequest,
    reply: FastifyReply,
    run: () => Promise<string>,
    value: (field: string) => string | undefined,
  ): Promise<FastifyReply> {
    try {
      const next = await run();
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
      const field = fieldOf(error) || 'name';
      return showProfile(request, reply, { error: { field, message: error.message, value: value(field) }, status: error.status });
    }
  }

  app.post('/lecteurs/profil/nom', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    const body = formBody(request);
    const suite = safeReturnPath((request.query as Record<string, unknown>)?.suite);
    return formAction(
      request,
      reply,
      async () => {
        await updateReaderProfile(ctx, readerOf(request), { name: formValue(body.name), bio: formValue(body.bio) });
        return suite ?? '/lecteurs/profil?ok=nom';
      },
      (field) => formValue(body[field]),
    );
  });

  app.post('/lecteurs/profil/email', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    const body = formBody(request);
    return formAction(
      request,
      reply,
      async () => {
        await requestEmailChange(ctx, readerOf(request), { email: formValue(body.email), ip: request.ip });
        return '/lecteurs/profil?ok=email';
      },
      (field) => formValue(body[field]),
    );
  });

  app.post('/lecteurs/profil/notifications', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    await setReplyNotifications(ctx, readerOf(request).id, formValue(formBody(request).notify) === '1');
    return reply.redirect('/lecteurs/profil?ok=notifications', 303);
  });

  app.get('/lecteurs/email/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const usable = await linkIsUsable(ctx, token, 'email_change');
    return sendReaderPage(ctx, request, reply, {
      title: 'Confirmer l’adresse',
      path: '/lecteurs/profil',
      status: usable ? 200 : 410,
      main: linkPage({
        csrf: csrfTokenFor(reply),
        usable,
        action: `/lecteurs/email/${token}`,
        title: 'Confirmer votre nouvelle adresse',
        button: 'Confirmer',
      }),
    });
  });

  app.post('/lecteurs/email/:token', { onRequest: csrf }, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    await confirmEmailChange(ctx, token);
    return reply.redirect(request.reader ? '/lecteurs/profil?ok=email-confirme' : '/lecteurs/connexion', 303);
  });

  app.get('/lecteurs/donnees.json', { preHandler: requireReader }, async (request, reply) => {
    const data = await exportReaderData(ctx, readerOf(request).id);
    return reply
      .headers({
        'cache-control': 'private, no-store',
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': 'attachment; filename="mes-donnees.json"',
      })
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/lecteurs/suppression', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    const body = formBody(request);
    if (formValue(body.confirm) !== '1')
      return showProfile(request, reply, {
        error: { field: 'confirm', message: 'Cochez la case pour confirmer la suppression.' },
        status: 422,
      });
    const choice = formValue(body.comments);
    if (choice !== 'keep' && choice !== 'remove') throw AppError.badRequest('Choisissez que faire de vos commentaires.');
    await deleteReaderAccount(ctx, readerOf(request).id, choice === 'keep');
    reply.clearCookie(readerCookieName(ctx.config), { path: '/' });
    return sendReaderPage(ctx, request, reply, {
      title: 'Compte supprimé',
      path: '/lecteurs/connexion',
      main: '<h1>Compte supprimé</h1><p role="status">Votre compte a été supprimé. Merci d’avoir participé.</p>',
    });
  });

  app.post('/lecteurs/deconnexion', { onRequest: csrf }, async (request, reply) => {
    await endReaderSession(ctx, request, reply);
    return reply.redirect('/', 303);
  });
}
