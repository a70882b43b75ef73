import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../accounts/guards.ts';
import { parisLocalToUtc } from '../articles/admin/paris-time.ts';
import { teasersByIds } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { sendCurationPage } from '../curation/curation-http.ts';
import type { FieldErrors } from '../curation/curation-validation.ts';
import { type EditionBlock, parseBlocks } from './edition-blocks.ts';
import { findEdition, listEditions } from './edition-repository.ts';
import {
  approveEdition,
  createNewsletter,
  type NewsletterInput,
  saveEdition,
  scheduleEdition,
  startEdition,
  updateNewsletter,
} from './newsletter-admin-operations.ts';
import { findNewsletter, listAllNewsletters } from './newsletter-repository.ts';
import {
  formValuesOf,
  type NewsletterFormValues,
  renderEditionComposer,
  renderNewsletterPage,
  renderNewslettersList,
} from './newsletters-admin-view.ts';
import { renderStoredEdition } from './send-job.ts';
import { personalise } from './edition-render.ts';
import { sendCounts } from './send-log.ts';
import { createNewsletterTransport } from './newsletter-transport.ts';
import { sendSettingsRoutes } from './send-settings-admin.ts';

const NOTICES: Record<string, string> = {
  cree: 'La newsletter est créée.',
  enregistre: 'Les modifications sont enregistrées.',
  edition: 'Une édition vient d’être composée à partir du site : relisez-la, puis programmez-la.',
  test: 'Un message de test vous a été envoyé.',
  programme: 'L’édition est programmée.',
  approbation: 'L’édition attend maintenant l’approbation d’un éditeur.',
  approuve: 'L’édition est approuvée : elle partira à son heure.',
};

const formSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

function str(body: Record<string, string | string[]>, name: string): string {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function list(body: Record<string, string | string[]>, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function noticeOf(request: FastifyRequest): string | null {
  const ok = (request.query as { ok?: unknown } | undefined)?.ok;
  return typeof ok === 'string' ? (NOTICES[ok] ?? null) : null;
}

/** The form as typed, and the typed input the operation takes. */
function newsletterForm(body: Record<string, string | string[]>): {
  values: NewsletterFormValues;
  input: NewsletterInput;
  errors: FieldErrors;
} {
  const values: NewsletterFormValues = {
    name: str(body, 'name'),
    description: str(body, 'description'),
    cadence: str(body, 'cadence'),
    senderName: str(body, 'senderName'),
    senderEmail: str(body, 'senderEmail').trim(),
    replyTo: str(body, 'replyTo').trim(),
    sendHour: str(body, 'sendHour').trim(),
    needsApproval: str(body, 'needsApproval') === '1',
    publicArchive: str(body, 'publicArchive') === '1',
    countAudience: str(body, 'countAudience') === '1',
    active: str(body, 'active') === '1',
    lead: str(body, 'lead') === '1',
    topStories: str(body, 'topStories') || '0',
    pepites: str(body, 'pepites') || '0',
    videos: str(body, 'videos') || '0',
    podcasts: str(body, 'podcasts') || '0',
  };
  const errors: FieldErrors = {};
  const int = (name: keyof NewsletterFormValues, value: string): number => {
    if (!/^\d{1,2}$/.test(value)) errors[name] = 'Saisissez un nombre entier.';
    return Number(value);
  };
  const input: NewsletterInput = {
    name: values.name,
    description: values.description,
    cadence: values.cadence,
    senderName: values.senderName,
    senderEmail: values.senderEmail,
    replyTo: values.replyTo,
    sendHour: values.sendHour === '' ? null : int('sendHour', values.sendHour),
    needsApproval: values.needsApproval,
    publicArchive: values.publicArchive,
    countAudience: values.countAudience,
    active: values.active,
    recipe: {
      lead: values.lead,
      topStories: int('topStories', values.topStories),
      pepites: int('pepites', values.pepites),
      videos: int('videos', values.videos),
      podcasts: int('podcasts', values.podcasts),
    },
  };
  return { values, input, errors };
}

/** A validation error's problems, by field (recipe.x → x). */
function fieldErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof AppError) || error.code !== 'validation_failed') return null;
  const errors: FieldErrors = {};
  for (const p of AppError.problemsOf(error)) errors[p.path.replace(/^recipe\./, '') || '_form'] ??= p.message;
  return errors;
}

function idParam(request: FastifyRequest, what: string): number {
  return pathId((request.params as { id?: unknown }).id, what);
}

/** Editors' composer actions that only reshape the form's blocks (no save needed to see them). */
function applyBlockAction(blocks: EditionBlock[], action: string): EditionBlock[] {
  const [verb, at] = action.split(':');
  const i = Number(at);
  const next = [...blocks];
  if (!Number.isInteger(i) || i < 0 || i >= next.length) return next;
  if (verb === 'remove') next.splice(i, 1);
  if (verb === 'up' && i > 0) [next[i - 1], next[i]] = [next[i], next[i - 1]];
  if (verb === 'down' && i < next.length - 1) [next[i + 1], next[i]] = [next[i], next[i + 1]];
  return next;
}

/** The blocks as the form lists them, in its order. */
function blocksFromForm(body: Record<string, string | string[]>): EditionBlock[] {
  return list(body, 'block').flatMap((value, i): EditionBlock[] => {
    if (value === 'text') return [{ kind: 'text', text: str(body, `text${i}`) }];
    const match = /^article:([1-9][0-9]{0,9}):(lead|story|pepite|video|podcast)$/.exec(value);
    return match
      ? [{ kind: 'article', articleId: Number(match[1]), role: match[2] as Extract<EditionBlock, { kind: 'article' }>['role'] }]
      : [];
  });
}

/** The article an editor names by number or by its address, if it is public. */
async function articleNamed(ctx: AppContext, value: string): Promise<number | null> {
  const trimmed = value.trim();
  let id = /^[1-9][0-9]{0,9}$/.test(trimmed) ? Number(trimmed) : null;
  if (id === null) {
    const slug =
      trimmed
        .replace(/[?#].*$/, '')
        .replace(/\/+$/, '')
        .split('/')
        .pop() ?? '';
    const row = slug ? await ctx.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst() : undefined;
    id = row?.id ?? null;
  }
  if (id === null) return null;
  return (await teasersByIds(ctx.db, [id])).length ? id : null;
}

/**
 * The newsroom's newsletters (/admin/newsletters…): newsletters and their settings, editions
 * composed from the site, the composer (reorder, remove, add, intro), previews, a test to oneself,
 * scheduling and approval. Every route: CSRF on writes, then the newsletter:manage permission.
 */
export function newsletterAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('newsletter:manage');
  const write = { onRequest: app.csrfProtection, preHandler: guard };

  const listScreen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { values: NewsletterFormValues; errors: FieldErrors },
    status = 200,
  ) => {
    const [newsletters, counts] = await Promise.all([
      listAllNewsletters(ctx.db),
      ctx.db
        .selectFrom('newsletter_subscriptions')
        .select(['newsletter_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'active')
        .groupBy('newsletter_id')
        .execute(),
    ]);
    const byId = new Map(counts.map((c) => [c.newsletter_id, Number(c.n)]));
    return sendCurationPage(ctx, request, reply, {
      title: 'Newsletters',
      active: 'newsletters',
      status,
      main: (csrf) =>
        renderNewslettersList({
          newsletters: newsletters.map((n) => ({ ...n, subscribers: byId.get(n.id) ?? 0 })),
          form: form?.values ?? formValuesOf(null),
          errors: form?.errors,
          csrf,
          notice: status === 200 ? noticeOf(request) : null,
        }),
    });
  };

  app.get('/admin/newsletters', { preHandler: guard }, (request, reply) => listScreen(request, reply));
  sendSettingsRoutes(app, ctx, { read: { preHandler: guard }, write });

  app.post('/admin/newsletters', write, async (request, reply) => {
    const form = newsletterForm(formSchema.parse(request.body ?? {}));
    try {
      if (Object.keys(form.errors).length) throw AppError.invalid('Vérifiez les champs signalés.', []);
      const id = await createNewsletter(ctx, actorOf(request), form.input);
      return reply.redirect(`/admin/newsletters/${id}?ok=cree`, 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return listScreen(request, reply, { values: form.values, errors: { ...errors, ...form.errors } }, 422);
    }
  });

  const newsletterScreen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form?: { values: NewsletterFormValues; errors: FieldErrors },
    status = 200,
  ) => {
    const newsletter = await findNewsletter(ctx.db, id);
    if (!newsletter) throw AppError.notFound('Cette newsletter n’existe pas.');
    const editions = await listEditions(ctx.db, id);
    return sendCurationPage(ctx, request, reply, {
      title: newsletter.name,
      active: 'newsletters',
      status,
      main: (csrf) =>
        renderNewsletterPage({
          newsletter,
          editions,
          form: form?.values ?? formValuesOf(newsletter),
          errors: form?.errors,
          csrf,
          notice: status === 200 ? noticeOf(request) : null,
        }),
    });
  };

  app.get('/admin/newsletters/:id', { preHandler: guard }, (request, reply) =>
    newsletterScreen(request, reply, idParam(request, 'Cette newsletter n’existe pas.')),
  );

  app.post('/admin/newsletters/:id', write, async (request, reply) => {
    const id = idParam(request, 'Cette newsletter n’existe pas.');
    const form = newsletterForm(formSchema.parse(request.body ?? {}));
    try {
      if (Object.keys(form.errors).length) throw AppError.invalid('Vérifiez les champs signalés.', []);
      await updateNewsletter(ctx, actorOf(request), id, form.input);
      return reply.redirect(`/admin/newsletters/${id}?ok=enregistre`, 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return newsletterScreen(request, reply, id, { values: form.values, errors: { ...errors, ...form.errors } }, 422);
    }
  });

  app.post('/admin/newsletters/:id/editions', write, async (request, reply) => {
    const editionId = await startEdition(ctx, actorOf(request), idParam(request, 'Cette newsletter n’existe pas.'));
    return reply.redirect(`/admin/newsletters/editions/${editionId}?ok=edition`, 303);
  });

  const composer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    override?: { blocks: EditionBlock[]; subject: string; intro: string; errors: FieldErrors },
  ) => {
    const edition = await findEdition(ctx.db, id);
    if (!edition) throw AppError.notFound('Cette édition n’existe pas.');
    const newsletter = await findNewsletter(ctx.db, edition.newsletter_id);
    if (!newsletter) throw AppError.notFound('Cette édition n’existe pas.');
    const blocks = override?.blocks ?? parseBlocks(edition.blocks);
    const ids = blocks.flatMap((b) => (b.kind === 'article' ? [b.articleId] : []));
    const [teasers, counts] = await Promise.all([teasersByIds(ctx.db, ids), sendCounts(ctx.db, id)]);
    const shown = override ? { ...edition, subject: override.subject, intro: override.intro } : edition;
    const reply2 = await sendCurationPage(ctx, request, reply, {
      title: edition.subject,
      active: 'newsletters',
      status: override ? 422 : 200,
      main: (csrf) =>
        renderEditionComposer({
          edition: shown,
          newsletter,
          blocks,
          articles: new Map(teasers.map((t) => [t.id, t])),
          counts,
          csrf,
          notice: override ? null : noticeOf(request),
          errors: override?.errors,
        }),
    });
    return reply2;
  };

  // The composer page frames its own previews: frame-src 'self' on this page only.
  app.get(
    '/admin/newsletters/editions/:id',
    {
      preHandler: guard,
      onSend: async (_request, reply, payload) => {
        const csp = reply.getHeader('content-security-policy');
        if (typeof csp === 'string') reply.header('content-security-policy', csp.replace('frame-src ', "frame-src 'self' "));
        return payload;
      },
    },
    (request, reply) => composer(request, reply, idParam(request, 'Cette édition n’existe pas.')),
  );

  app.post('/admin/newsletters/editions/:id', write, async (request, reply) => {
    const id = idParam(request, 'Cette édition n’existe pas.');
    const body = formSchema.parse(request.body ?? {});
    const action = str(body, 'action') || 'save';
    let blocks = blocksFromForm(body);
    const subject = str(body, 'subject');
    const intro = str(body, 'intro');
    if (action === 'add-article') {
      const articleId = await articleNamed(ctx, str(body, 'article'));
      if (articleId === null)
        return composer(request, reply, id, {
          blocks,
          subject,
          intro,
          errors: { article: 'Aucun article publié ne porte ce numéro ou cette adresse.' },
        });
      blocks.push({ kind: 'article', articleId, role: 'story' });
    } else if (action === 'add-text') {
      const text = str(body, 'newText').trim();
      if (text) blocks.push({ kind: 'text', text });
    } else if (action !== 'save') {
      blocks = applyBlockAction(blocks, action);
    }
    try {
      await saveEdition(ctx, actorOf(request), id, { subject, intro, blocks });
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return composer(request, reply, id, { blocks, subject, intro, errors });
    }
    return reply.redirect(`/admin/newsletters/editions/${id}?ok=enregistre`, 303);
  });

  // Previews: the message as sent (links to the reader's pages shown as the sign-up page).
  app.get('/admin/newsletters/editions/:id/apercu.html', { preHandler: guard }, async (request, reply) => {
    const id = idParam(request, 'Cette édition n’existe pas.');
    if (!(await findEdition(ctx.db, id))) throw AppError.notFound('Cette édition n’existe pas.');
    const { rendered } = await renderStoredEdition(ctx, id);
    return reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The message's own inline styles, nothing else: no script can run in a preview (no script-src).
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: http: data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
      })
      .send(rendered.html);
  });

  app.get('/admin/newsletters/editions/:id/apercu.txt', { preHandler: guard }, async (request, reply) => {
    const id = idParam(request, 'Cette édition n’existe pas.');
    if (!(await findEdition(ctx.db, id))) throw AppError.notFound('Cette édition n’existe pas.');
    const { rendered } = await renderStoredEdition(ctx, id);
    return reply
      .headers({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
      .send(`Objet : ${rendered.subject}\n\n${rendered.text}`);
  });

  app.post('/admin/newsletters/editions/:id/test', write, async (request, reply) => {
    const id = idParam(request, 'Cette édition n’existe pas.');
    const actor = actorOf(request);
    const user = await ctx.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', actor.userId ?? 0)
      .executeTakeFirst();
    if (!user) throw AppError.badRequest('Votre compte n’a pas d’adresse.');
    if (!(await findEdition(ctx.db, id))) throw AppError.notFound('Cette édition n’existe pas.');
    const { newsletter, rendered } = await renderStoredEdition(ctx, id);
    // A test carries no reader's links: both point to the sign-up page.
    const signup = `${ctx.config.publicUrl}/newsletters/inscription`;
    const body = personalise(rendered, { manage: signup, unsubscribe: signup });
    const transport = createNewsletterTransport(ctx.config);
    try {
      const outcome = await transport.send({
        from: { name: newsletter.sender_name, address: newsletter.sender_email },
        replyTo: newsletter.reply_to || undefined,
        to: user.email,
        subject: `[Test] ${rendered.subject}`,
        text: body.text,
        html: body.html,
        messageId: `<test-${id}-${Date.now()}@${newsletter.sender_email.split('@')[1] ?? 'localhost'}>`,
        returnPath: newsletter.sender_email,
        headers: {},
      });
      if (outcome.kind !== 'sent') throw new AppError('unavailable', 503, `Le serveur de courrier a refusé le test : ${outcome.error}`);
    } finally {
      transport.close();
    }
    return reply.redirect(`/admin/newsletters/editions/${id}?ok=test`, 303);
  });

  app.post('/admin/newsletters/editions/:id/programmer', write, async (request, reply) => {
    const id = idParam(request, 'Cette édition n’existe pas.');
    const body = formSchema.parse(request.body ?? {});
    const now = str(body, 'when') === 'now';
    const at = now ? null : parisLocalToUtc(str(body, 'at'));
    if (!now && at === null)
      throw AppError.invalid('Indiquez une date et une heure.', [{ path: 'at', message: 'Indiquez une date et une heure.' }]);
    const status = await scheduleEdition(ctx, actorOf(request), id, at);
    return reply.redirect(`/admin/newsletters/editions/${id}?ok=${status === 'scheduled' ? 'programme' : 'approbation'}`, 303);
  });

  app.post('/admin/newsletters/editions/:id/approuver', write, async (request, reply) => {
    const id = idParam(request, 'Cette édition n’existe pas.');
    await approveEdition(ctx, actorOf(request), id);
    return reply.redirect(`/admin/newsletters/editions/${id}?ok=approuve`, 303);
  });
}
