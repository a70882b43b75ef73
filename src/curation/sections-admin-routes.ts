import type { FastifyInstance } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Section } from '../sections/section-repository.ts';
import { AppError } from '../core/http/app-error.ts';
import { html } from '../core/html/html.ts';
import { registerCrudScreen } from './curation-crud-routes.ts';
import { okNotice } from './curation-form-fields.ts';
import { csrfCheck, csrfTokenFor, formBody, formList, formValue, seeOther, sendCurationPage } from './curation-http.ts';
import { FormError } from './curation-validation.ts';
import { listNavDestinations, listNavItems, type NavEntryValues, navEntryValues, saveNavigation } from './navigation-admin-operations.ts';
import { renderNavigationEditor } from './navigation-admin-view.ts';
import { applyListAction, movedTo, parseListAction } from './ordered-list-actions.ts';
import {
  createSection,
  deleteSection,
  getSection,
  listSectionsWithCounts,
  type SectionInput,
  type SectionValues,
  sectionInputFromForm,
  updateSection,
} from './sections-admin-operations.ts';
import { renderSectionForm, renderSectionsTable } from './sections-admin-view.ts';

const NOTICES: Record<string, string> = {
  cree: 'Rubrique créée.',
  enregistre: 'Rubrique enregistrée : le site est à jour.',
  supprime: 'Rubrique supprimée.',
  navigation: 'Navigation enregistrée : le site est à jour.',
  'navigation-deplace': 'Entrée déplacée.',
};

async function listPage(
  ctx: AppContext,
  csrfToken: string,
  notice: string | null,
  nav?: { entries: NavEntryValues[]; errors?: Record<string, string> },
): Promise<string> {
  const [sections, items, destinations] = await Promise.all([
    listSectionsWithCounts(ctx.db),
    listNavItems(ctx.db),
    listNavDestinations(ctx.db),
  ]);
  const entries = nav?.entries ?? items.map(navEntryValues);
  return html`<h1>Rubriques et navigation</h1>!${okNotice(notice)}!${renderSectionsTable(sections)}!${renderNavigationEditor(entries, destinations, csrfToken, nav?.errors)}`;
}

/** The navigation rows as posted: parallel lists of label, destination and address; a blank last row is dropped. */
function postedEntries(body: Record<string, string | string[] | undefined>): NavEntryValues[] {
  const labels = formList(body.label);
  const destinations = formList(body.destination);
  const urls = formList(body.url);
  const entries = labels.map((label, i) => ({ label, destination: destinations[i] ?? '', url: urls[i] ?? '' }));
  const last = entries.at(-1);
  if (last && !last.label.trim() && !last.destination && !last.url.trim()) entries.pop();
  return entries;
}

/** /admin/rubriques: sections (list, create, edit, delete) and the navigation editor. */
export function sectionsAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/admin/rubriques/navigation',
    { onRequest: csrfCheck(app), preHandler: requireActor('curation:sections') },
    async (request, reply) => {
      const body = formBody(request);
      const action = parseListAction(formValue(body.action) || undefined);
      if (!action || action.kind === 'add') throw AppError.badRequest('Action inconnue.');
      const submitted = postedEntries(body);
      const entries = applyListAction(submitted, action);
      try {
        await saveNavigation(ctx, actorOf(request), entries);
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        // Errors are keyed by the position after the action: show that list.
        const csrfToken = csrfTokenFor(reply);
        const main = await listPage(ctx, csrfToken, null, { entries, errors: error.fields });
        return sendCurationPage(ctx, request, reply, {
          title: 'Rubriques et navigation',
          active: 'rubriques',
          status: 422,
          csrfToken,
          main: () => main,
        });
      }
      const moved = movedTo(action, entries.length);
      return seeOther(reply, `/admin/rubriques?ok=${moved ? 'navigation-deplace' : 'navigation'}#nav-titre`);
    },
  );

  registerCrudScreen<SectionValues, Section, SectionInput>(app, ctx, {
    base: '/admin/rubriques',
    newPath: 'nouvelle',
    permission: 'curation:sections',
    active: 'rubriques',
    listTitle: 'Rubriques et navigation',
    createTitle: 'Nouvelle rubrique',
    editTitle: (row) => `Rubrique « ${row.name} »`,
    notices: NOTICES,
    renderList: (c, _request, csrfToken, notice) => listPage(c, csrfToken, notice),
    load: (c, id) => getSection(c.db, id),
    emptyValues: () => ({ name: '', slug: '', description: '', position: '0' }),
    valuesOf: (row) => ({ name: row.name, slug: row.slug, description: row.description, position: String(row.position) }),
    valuesFromBody: (body) => ({
      name: formValue(body.name),
      slug: formValue(body.slug),
      description: formValue(body.description),
      position: formValue(body.position),
    }),
    toInput: sectionInputFromForm,
    renderForm: async (_c, view) => renderSectionForm(view),
    create: (c, actor, input) => createSection(c, actor, input),
    update: (c, actor, id, input) => updateSection(c, actor, id, input),
    remove: (c, actor, id) => deleteSection(c, actor, id),
  });
}
