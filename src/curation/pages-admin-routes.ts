import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import type { StaticPage } from '../pages/page-repository.ts';
import { registerCrudScreen } from './curation-crud-routes.ts';
import { formValue } from './curation-http.ts';
import {
  createPage,
  deletePage,
  getPage,
  listPages,
  type PageInput,
  type PageValues,
  pageInputFromForm,
  updatePage,
} from './pages-admin-operations.ts';
import { renderPageForm, renderPagesList } from './pages-admin-view.ts';

const NOTICES = { cree: 'Page créée.', enregistre: 'Page enregistrée : le site est à jour.', supprime: 'Page supprimée.' };

/** /admin/pages: static pages (about, legal notice, accessibility statement, newsletter, others). */
export function pagesAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCrudScreen<PageValues, StaticPage, PageInput>(app, ctx, {
    base: '/admin/pages',
    newPath: 'nouvelle',
    permission: 'curation:pages',
    active: 'pages',
    listTitle: 'Pages',
    createTitle: 'Nouvelle page',
    editTitle: (row) => `Page « ${row.title} »`,
    notices: NOTICES,
    renderList: async (c, _request, _csrf, notice) => renderPagesList(await listPages(c.db), notice),
    load: (c, id) => getPage(c.db, id),
    emptyValues: () => ({ kind: 'other', title: '', slug: '', lead: '', body: '{"type":"doc","content":[]}' }),
    valuesOf: (row) => ({ kind: row.kind, title: row.title, slug: row.slug, lead: row.lead, body: row.body }),
    valuesFromBody: (body) => ({
      kind: formValue(body.kind),
      title: formValue(body.title),
      slug: formValue(body.slug),
      lead: formValue(body.lead),
      body: formValue(body.body),
    }),
    renderForm: async (_c, view) => renderPageForm(view),
    toInput: pageInputFromForm,
    create: (c, actor, input) => createPage(c, actor, input),
    update: (c, actor, id, input) => updatePage(c, actor, id, input),
    remove: (c, actor, id) => deletePage(c, actor, id),
  });
}
