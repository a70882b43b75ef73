import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { articleChoicesByIds, searchPublishedArticles } from './article-search.ts';
import { registerCrudScreen } from './curation-crud-routes.ts';
import { csrfCheck, csrfTokenFor, formBody, formList, formValue, seeOther, sendCurationPage } from './curation-http.ts';
import { FormError } from './curation-validation.ts';
import {
  createDossier,
  deleteDossier,
  type DossierInput,
  dossierInputFromForm,
  type DossierRow,
  type DossierValues,
  dossierValues,
  getDossier,
  listAllDossiers,
  listDossierArticles,
  saveDossierArticles,
  updateDossier,
} from './dossiers-admin-operations.ts';
import { type DossierEditView, renderDossierEdit, renderDossiersList } from './dossiers-admin-view.ts';
import { imageField } from './image-field.ts';
import { applyListAction, movedTo, parseListAction } from './ordered-list-actions.ts';
import { sectionOptions } from './section-options.ts';

const NOTICES: Record<string, string> = {
  cree: 'Dossier créé : ajoutez-y des articles.',
  enregistre: 'Dossier enregistré : le site est à jour.',
  supprime: 'Dossier supprimé.',
  articles: 'Articles du dossier enregistrés.',
  ajoute: 'Article ajouté au dossier.',
  retire: 'Article retiré du dossier.',
  deplace: 'Article déplacé.',
};
const searchQuery = z.object({ q: z.string().max(200).default('') }).catch({ q: '' });
const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

async function editView(ctx: AppContext, base: Omit<DossierEditView, 'sections' | 'imageField' | 'results'>): Promise<string> {
  const [sections, image] = await Promise.all([
    sectionOptions(ctx.db),
    imageField(ctx.db, {
      name: 'heroImageId',
      label: 'Image (numéro dans la médiathèque)',
      value: base.values.heroImageId,
      errors: base.errors,
    }),
  ]);
  const articles = base.row ? (base.articles ?? (await listDossierArticles(ctx.db, base.row.id))) : undefined;
  const results = base.row
    ? await searchPublishedArticles(ctx.db, base.query ?? '', { excludeIds: articles?.map((a) => a.id), limit: base.query ? 20 : 10 })
    : null;
  return renderDossierEdit({ ...base, sections, imageField: image, articles, results });
}

/** /admin/dossiers: dossiers (title, section, introduction, image, publication) and their ordered articles. */
export function dossiersAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/admin/dossiers/:id/articles',
    { onRequest: csrfCheck(app), preHandler: requireActor('curation:dossiers') },
    async (request, reply) => {
      const params = idParams.safeParse(request.params);
      const row = params.success ? await getDossier(ctx.db, params.data.id) : undefined;
      if (!row) throw AppError.notFound();
      const body = formBody(request);
      const q = formValue(body.q).slice(0, 200);
      const action = parseListAction(formValue(body.action) || undefined);
      if (!action) throw AppError.badRequest('Action inconnue.');
      const submitted = formList(body.articleIds);
      const articleIds = applyListAction(submitted, action, action.kind === 'add' ? String(action.id) : undefined);
      try {
        await saveDossierArticles(ctx, actorOf(request), row.id, { articleIds: articleIds.map(Number) });
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        const csrfToken = csrfTokenFor(reply);
        const articles = await articleChoicesByIds(
          ctx.db,
          submitted.map(Number).filter((n) => Number.isInteger(n) && n > 0),
        );
        const main = await editView(ctx, { values: dossierValues(row), row, csrfToken, articles, articleErrors: error.fields, query: q });
        return sendCurationPage(ctx, request, reply, {
          title: `Dossier « ${row.title} »`,
          active: 'dossiers',
          status: 422,
          csrfToken,
          main: () => main,
        });
      }
      const moved = movedTo(action, articleIds.length);
      const code = action.kind === 'add' ? 'ajoute' : action.kind === 'remove' ? 'retire' : moved ? 'deplace' : 'articles';
      const anchor = moved ? `#place-${articleIds[moved - 1]}` : '#dossier-articles-titre';
      return seeOther(
        reply,
        `/admin/dossiers/${row.id}?ok=${code}${q && action.kind === 'add' ? `&q=${encodeURIComponent(q)}` : ''}${anchor}`,
      );
    },
  );

  registerCrudScreen<DossierValues, DossierRow, DossierInput>(app, ctx, {
    base: '/admin/dossiers',
    newPath: 'nouveau',
    permission: 'curation:dossiers',
    active: 'dossiers',
    listTitle: 'Dossiers',
    createTitle: 'Nouveau dossier',
    editTitle: (row) => `Dossier « ${row.title} »`,
    notices: NOTICES,
    renderList: async (c, _request, _csrf, notice) => renderDossiersList(await listAllDossiers(c.db), notice),
    load: (c, id) => getDossier(c.db, id),
    emptyValues: () => ({ title: '', slug: '', sectionId: '', introduction: '', heroImageId: '', visible: '' }),
    valuesOf: dossierValues,
    valuesFromBody: (body) => ({
      title: formValue(body.title),
      slug: formValue(body.slug),
      sectionId: formValue(body.sectionId),
      introduction: formValue(body.introduction),
      heroImageId: formValue(body.heroImageId),
      visible: formValue(body.visible),
    }),
    renderForm: (c, view) => editView(c, { ...view, query: searchQuery.parse(view.query ?? {}).q }),
    toInput: dossierInputFromForm,
    create: (c, actor, input) => createDossier(c, actor, input),
    update: (c, actor, id, input) => updateDossier(c, actor, id, input),
    remove: (c, actor, id) => deleteDossier(c, actor, id),
  });
}
