import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfField, notice, sendAccountPage } from '../accounts/account-page.ts';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { AppError } from '../core/http/app-error.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { type ContentKey, createContentKey, listContentKeys, revokeContentKey } from './content-keys.ts';

// /admin/api-contenu: administrators create a key per front end (shown once) with the origins
// allowed to call the API from a browser, and revoke it.

interface FormState {
  name: string;
  origins: string;
  errors: Partial<Record<'name' | 'origins', string>>;
}
const EMPTY: FormState = { name: '', origins: '', errors: {} };

const formSchema = z.object({ name: z.string().default(''), origins: z.string().max(5000).default('') });
const idParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number)
    .refine((n) => n <= 2 ** 31 - 1),
});

function keyRow(key: ContentKey, csrfToken: string): string {
  const state = key.revokedAt
    ? html`<span class="badge token-state token-state--off">Révoquée le ${formatDateTimeFr(key.revokedAt)}</span>`
    : html`<span class="badge token-state token-state--on">Active</span><form method="post" action="/admin/api-contenu/${String(key.id)}/revoquer" class="token-revoke">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Révoquer<span class="visually-hidden"> la clé « ${key.name} »</span></button></form>`;
  const origins = key.origins.length
    ? key.origins.map((o) => html`<li>${o === '*' ? 'toutes' : o}</li>`).join('')
    : html`<li>aucune (serveur seulement)</li>`;
  return html`<tr><th scope="row">${key.name}</th><td><ul class="token-scopes">!${origins}</ul></td><td>${formatDateTimeFr(key.createdAt)}</td><td>!${state}</td></tr>`;
}

function renderScreen(options: {
  keys: ContentKey[];
  form: FormState;
  csrfToken: string;
  created?: { name: string; key: string };
  message?: string;
}): string {
  const e = options.form.errors;
  const created = options.created
    ? html`<section class="notice notice--ok token-secret" role="status" aria-labelledby="titre-cle-creee"><h2 id="titre-cle-creee">Clé « ${options.created.name} » créée</h2><p>Copiez-la maintenant : elle ne sera plus affichée. Kiosque n’en garde qu’une empreinte.</p><label for="cle-contenu">Votre clé</label><input type="text" id="cle-contenu" class="token-secret__value" value="${options.created.key}" readonly spellcheck="false" autocomplete="off"><p class="field__hint">Exemple : <code>GET /api/content/articles?key=…&amp;limit=10</code></p></section>`
    : '';
  const list = options.keys.length
    ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Clés de l’API de contenu</caption><thead><tr><th scope="col">Nom</th><th scope="col">Origines autorisées</th><th scope="col">Créée le</th><th scope="col">État</th></tr></thead><tbody>!${options.keys.map((k) => keyRow(k, options.csrfToken)).join('')}</tbody></table></div>`
    : html`<p>Aucune clé pour l’instant.</p>`;
  const err = (id: string, message: string | undefined) => (message ? html`<span class="field__error" id="${id}">${message}</span>` : '');
  const nameAttrs = e.name ? html` aria-describedby="cle-nom-erreur" aria-invalid="true"` : '';
  const originAttrs = e.origins
    ? html` aria-describedby="cle-origines-aide cle-origines-erreur" aria-invalid="true"`
    : html` aria-describedby="cle-origines-aide"`;
  const form = html`<form method="post" action="/admin/api-contenu" novalidate>!${csrfField(options.csrfToken)}<div class="field"><label for="cle-nom">Nom de la clé</label>!${err('cle-nom-erreur', e.name)}<input type="text" id="cle-nom" name="name" value="${options.form.name}" maxlength="100" required!${nameAttrs}></div><div class="field"><label for="cle-origines">Origines autorisées (facultatif)</label><span class="field__hint" id="cle-origines-aide">Une par ligne, par exemple https://app.exemple.fr ; * pour toutes. Sans origine, la clé ne sert que depuis un serveur.</span>!${err('cle-origines-erreur', e.origins)}<textarea id="cle-origines" name="origins" rows="3"!${originAttrs}>${options.form.origins}</textarea></div><div class="button-row"><button type="submit" class="button">Créer la clé</button></div></form>`;
  const summary = Object.keys(e).length ? notice('error', 'La clé n’a pas été créée : corrigez les champs signalés.') : '';
  return html`<h1>API de contenu</h1><p class="token-intro">L’API de contenu (<a href="/api/content/openapi.json">description OpenAPI</a>, <code>docs/content-api.md</code>) donne en lecture seule le contenu publié à un site ou une application : articles, rubriques, auteurs, sujets, dossiers, séries.</p>!${options.message ? notice('ok', options.message) : ''}!${created}<section aria-labelledby="titre-cles"><h2 id="titre-cles">Clés</h2>!${list}</section><section aria-labelledby="titre-nouvelle-cle" class="token-create"><h2 id="titre-nouvelle-cle">Nouvelle clé</h2>!${summary}!${form}</section>`;
}

export function contentKeyAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('integration:manage');
  const screen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: FormState; created?: { name: string; key: string }; message?: string; status?: number } = {},
  ) => {
    const keys = await listContentKeys(ctx.db);
    return sendAccountPage(ctx, request, reply, {
      title: 'API de contenu',
      active: 'api-contenu',
      status: extra.status,
      main: (csrfToken) => renderScreen({ keys, form: extra.form ?? EMPTY, csrfToken, created: extra.created, message: extra.message }),
    });
  };

  app.get('/admin/api-contenu', { preHandler: guard }, (request, reply) =>
    screen(request, reply, {
      message: (request.query as { revoquee?: string }).revoquee === '1' ? 'La clé est révoquée : elle ne fonctionne plus.' : undefined,
    }),
  );

  app.post('/admin/api-contenu', { onRequest: app.csrfProtection, preHandler: guard }, async (request, reply) => {
    const raw = formSchema.parse(request.body ?? {});
    const origins = raw.origins
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean);
    try {
      const { key } = await createContentKey(ctx, actorOf(request), { name: raw.name, origins });
      return screen(request, reply, { created: { name: raw.name.trim(), key } });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const errors: FormState['errors'] = {};
      for (const issue of (error.details as { path: string; message: string }[]) ?? []) {
        const field = issue.path === 'name' ? 'name' : 'origins';
        errors[field] ??= issue.message;
      }
      return screen(request, reply, { form: { name: raw.name, origins: raw.origins, errors }, status: 422 });
    }
  });

  app.post('/admin/api-contenu/:id/revoquer', { onRequest: app.csrfProtection, preHandler: guard }, async (request, reply) => {
    const params = idParams.safeParse(request.params);
    if (!params.success) throw AppError.notFound('Cette clé n’existe pas.');
    await revokeContentKey(ctx, actorOf(request), params.data.id);
    return reply.redirect('/admin/api-contenu?revoquee=1', 303);
  });
}
