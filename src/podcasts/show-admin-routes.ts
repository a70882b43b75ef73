import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { registerCrudScreen } from '../curation/curation-crud-routes.ts';
import { formValue } from '../curation/curation-http.ts';
import { renderShowForm, renderShowList } from './show-admin-view.ts';
import { createShow, deleteShow, type ShowInput, showInputFromForm, type ShowValues, showValues, updateShow } from './show-operations.ts';
import { getShow, listShows, type ShowRow } from './show-repository.ts';

const NOTICES = {
  cree: 'Podcast créé.',
  enregistre: 'Podcast enregistré : sa page et son flux sont à jour.',
  supprime: 'Podcast supprimé.',
};
const FIELDS = [
  'title',
  'slug',
  'description',
  'coverImageId',
  'category',
  'explicit',
  'language',
  'authorName',
  'ownerName',
  'ownerEmail',
  'appleUrl',
  'spotifyUrl',
  'otherLinks',
  'locked',
] as const satisfies readonly (keyof ShowValues)[];

/** /admin/podcasts: the shows (curation:podcasts). */
export function showAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCrudScreen<ShowValues, ShowRow, ShowInput>(app, ctx, {
    base: '/admin/podcasts',
    newPath: 'nouveau',
    permission: 'curation:podcasts',
    active: 'podcasts',
    listTitle: 'Podcasts',
    createTitle: 'Nouveau podcast',
    editTitle: (row) => `Podcast « ${row.title} »`,
    notices: NOTICES,
    renderList: async (c, _request, _csrf, notice) => renderShowList(await listShows(c.db), notice),
    load: (c, id) => getShow(c.db, id),
    emptyValues: () => ({
      title: '',
      slug: '',
      description: '',
      coverImageId: '',
      category: '',
      explicit: 'non',
      language: 'fr',
      authorName: '',
      ownerName: '',
      ownerEmail: '',
      appleUrl: '',
      spotifyUrl: '',
      otherLinks: '',
      locked: 'oui',
    }),
    valuesOf: showValues,
    valuesFromBody: (body) => Object.fromEntries(FIELDS.map((f) => [f, formValue(body[f])])) as unknown as ShowValues,
    renderForm: (c, view) => renderShowForm(c.db, view),
    toInput: showInputFromForm,
    create: (c, actor, input) => createShow(c, actor, input),
    update: (c, actor, id, input) => updateShow(c, actor, id, input),
    remove: (c, actor, id) => deleteShow(c, actor, id),
  });
}
