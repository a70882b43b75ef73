import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CSRF_REFUSED } from '../accounts/csrf.ts';
import { isCrossSiteRequest } from '../accounts/request-origin.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { escapeHtml } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { csrfCheck, csrfTokenFor, formBody, formList, formValue } from '../curation/curation-http.ts';
import { sendReaderPage } from '../readers/reader-pages.ts';
import { listActiveNewsletters, subscriptionsOf } from './newsletter-repository.ts';
import { registerNewsletterJobs } from './send-job.ts';
import { registerBounceMailboxJob, scheduleBounceMailbox } from './bounce-mailbox.ts';
import { registerDailyEditionJob } from './daily-edition-job.ts';
import { renderArchivedEdition, renderArchiveList } from './archive-pages.ts';
import { countClick, countOpen } from './audience-counts.ts';
import { bounceRoutes } from './bounce-routes.ts';
import { buttonPage, checkYourMailPage, goneLinkPage, manageSubscriptionsPage, signupPage } from './newsletter-pages.ts';
import {
  confirmationIsUsable,
  confirmSubscription,
  readerOfManageLink,
  requestSubscription,
  unsubscribeOneClick,
  unsubscribeTarget,
  updateSubscriptions,
} from './subscription-operations.ts';

const archiveParams = z.object({ slug: z.string().max(200) });
const tokenParams = z.object({ token: z.string().min(1).max(200) });
const clickQuery = z.object({ vers: z.url({ protocol: /^https?$/ }).max(2000) });
/** A 1×1 transparent GIF: the open-count pixel. */
const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const SOURCES: Record<string, string> = {
  page: 'formulaire : page d’inscription',
  newsletter: 'formulaire : page Newsletter',
  article: 'formulaire : fin d’article',
  footer: 'formulaire : pied de page',
  // The full form the footer's leads to (several newsletters): the same consent source.
  'pied-de-page': 'formulaire : pied de page',
};

/** The source the full sign-up form carries on when a reader came from another form (kept for the consent proof). */
function fullFormSource(source: string): string | undefined {
  if (source === 'footer') return 'pied-de-page'; // Not 'footer': that one asks for the full form.
  return Object.hasOwn(SOURCES, source) ? source : undefined;
}

function fieldOf(error: AppError): string {
  const details = error.details as { path?: string }[] | undefined;
  return Array.isArray(details) ? (details[0]?.path ?? '') : '';
}

/**
 * The readers' side of newsletters (never cached):
 *   GET|POST /newsletters/inscription              sign up (double opt-in mail)
 *   GET|POST /newsletters/confirmation/:token      the confirmation link: a button that confirms once
 *   GET|POST /newsletters/mes-newsletters/:token   "Mes newsletters", reached from every message
 *   GET|POST /newsletters/desabonnement/:token     one-click unsubscribe (RFC 8058: POST without cookie)
 *   GET /newsletters/archives/:slug[/:edition]      public archive of sent editions (cached)
 *   GET /newsletters/ouverture/:token/pixel.gif     an edition's open count (opt-in, no reader)
 *   GET /newsletters/clic/:token?vers=              an edition's click count, then the link (opt-in, no reader)
 */
export function newsletterRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerNewsletterJobs({ thread: true });
  registerDailyEditionJob();
  registerBounceMailboxJob();
  // The bounce mailbox is read at boot, then by the job itself at its interval (whoever runs the newsletters' jobs).
  app.addHook('onReady', () => scheduleBounceMailbox(ctx));
  bounceRoutes(app, ctx);
  const csrf = csrfCheck(app);
  const page = (
    request: Parameters<typeof sendReaderPage>[1],
    reply: Parameters<typeof sendReaderPage>[2],
    title: string,
    main: string,
    status = 200,
  ) => sendReaderPage(ctx, request, reply, { title, main, status, path: '/newsletters/inscription' });

  app.get('/newsletters/inscription', async (request, reply) => {
    if ((request.query as Record<string, unknown>)?.envoye === '1')
      return page(request, reply, 'Vérifiez votre boîte aux lettres', checkYourMailPage());
    return page(request, reply, 'S’inscrire aux newsletters', signupPage(await listActiveNewsletters(ctx.db)));
  });

  // The form sits in cached pages, so it carries no CSRF token: the browser's own word that the post
  // comes from this site is required instead, and the post can do no more than mail a confirmation link.
  app.post('/newsletters/inscription', async (request, reply) => {
    if (isCrossSiteRequest(request, ctx.config.publicUrl)) throw new AppError('forbidden', 403, CSRF_REFUSED);
    const body = formBody(request);
    // The footer's form with several newsletters carries no choice: the full form, address filled in.
    if (formValue(body.source) === 'footer' && body.newsletters === undefined)
      return page(
        request,
        reply,
        'S’inscrire aux newsletters',
        signupPage(await listActiveNewsletters(ctx.db), { email: formValue(body.email), source: fullFormSource('footer') }),
      );
    const source = SOURCES[formValue(body.source)] ?? SOURCES.page;
    try {
      await requestSubscription(ctx, {
        email: formValue(body.email),
        newsletters: formList(body.newsletters),
        proof: formValue(body.altcha),
        ip: request.ip,
        source,
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
      const checked = formList(body.newsletters).map(Number).filter(Number.isSafeInteger);
      return page(
        request,
        reply,
        'S’inscrire aux newsletters',
        signupPage(await listActiveNewsletters(ctx.db), {
          email: formValue(body.email),
          source: fullFormSource(formValue(body.source)),
          checked,
          error: error.message,
          errorField: fieldOf(error),
        }),
        error.status,
      );
    }
    return reply.redirect('/newsletters/inscription?envoye=1', 303);
  });

  // Audience counts (only when the edition's newsletter counts them): nothing per reader, no cookie.
  app.get('/newsletters/ouverture/:token/pixel.gif', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    await countOpen(ctx, token);
    return reply.header('cache-control', 'no-store').type('image/gif').send(TRANSPARENT_GIF);
  });

  app.get('/newsletters/clic/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const { vers } = clickQuery.parse(request.query);
    const target = await countClick(ctx, token, vers);
    if (!target) throw AppError.notFound('Ce lien n’existe pas.');
    return reply.header('cache-control', 'no-store').redirect(target, 302);
  });

  // Public archives (page-cached like the rest of the site; 404 unless the newsletter's archive is on).
  app.get('/newsletters/archives/:slug', async (request, reply) => {
    const { slug } = archiveParams.parse(request.params);
    ctx.pages.send(request, reply, await renderArchiveList(ctx, slug));
    return reply;
  });

  app.get('/newsletters/archives/:slug/:edition', async (request, reply) => {
    const { slug, edition } = archiveParams.extend({ edition: z.string().max(20) }).parse(request.params);
    ctx.pages.send(request, reply, await renderArchivedEdition(ctx, slug, edition));
    return reply;
  });

  app.get('/newsletters/confirmation/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    if (!(await confirmationIsUsable(ctx, token)))
      return page(
        request,
        reply,
        'Lien expiré',
        goneLinkPage('Ce lien de confirmation n’est plus valable : il a déjà servi ou a expiré.'),
        410,
      );
    return page(
      request,
      reply,
      'Confirmer mon inscription',
      buttonPage({
        title: 'Confirmer mon inscription',
        text: 'Un dernier clic pour recevoir les newsletters choisies.',
        action: `/newsletters/confirmation/${token}`,
        button: 'Je confirme mon inscription',
        csrf: csrfTokenFor(reply),
      }),
    );
  });

  app.post('/newsletters/confirmation/:token', { onRequest: csrf }, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const manage = await confirmSubscription(ctx, token);
    return reply.redirect(`/newsletters/mes-newsletters/${manage}?ok=confirme`, 303);
  });

  const NOTICES: Record<string, string> = {
    confirme: 'Votre inscription est confirmée. Bienvenue !',
    enregistre: 'Vos choix sont enregistrés.',
  };

  app.get('/newsletters/mes-newsletters/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const reader = await readerOfManageLink(ctx, token);
    const ok = (request.query as Record<string, unknown>)?.ok;
    const [newsletters, subscriptions] = await Promise.all([listActiveNewsletters(ctx.db), subscriptionsOf(ctx.db, reader.id)]);
    return page(
      request,
      reply,
      'Mes newsletters',
      manageSubscriptionsPage({
        csrf: csrfTokenFor(reply),
        token,
        email: reader.email,
        newsletters,
        subscriptions,
        ok: typeof ok === 'string' ? (NOTICES[ok] ?? null) : null,
      }),
    );
  });

  app.post('/newsletters/mes-newsletters/:token', { onRequest: csrf }, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    await updateSubscriptions(ctx, token, formList(formBody(request).newsletters));
    return reply.redirect(`/newsletters/mes-newsletters/${token}?ok=enregistre`, 303);
  });

  app.get('/newsletters/desabonnement/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const target = await unsubscribeTarget(ctx, token);
    if (!target) throw AppError.notFound('Ce lien n’est pas valable : copiez l’adresse complète depuis le message reçu.');
    return page(
      request,
      reply,
      'Se désabonner',
      buttonPage({
        title: `Se désabonner de « ${target.newsletterName} »`,
        text: 'Vous ne recevrez plus cette newsletter. Vos autres abonnements ne changent pas.',
        action: `/newsletters/desabonnement/${token}`,
        button: 'Me désabonner',
      }),
    );
  });

  // RFC 8058: mail clients post "List-Unsubscribe=One-Click" here without cookies; no redirect, effect at once.
  app.post('/newsletters/desabonnement/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const done = await unsubscribeOneClick(ctx, token);
    return page(
      request,
      reply,
      'Désabonnement enregistré',
      `<h1>Désabonnement enregistré</h1><p role="status">Vous ne recevrez plus «&#8239;${escapeHtml(fr(done.newsletterName))}&#8239;».</p><p><a href="/newsletters/mes-newsletters/${done.manage}">Gérer mes autres newsletters</a></p>`,
    );
  });
}
