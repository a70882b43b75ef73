import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { registerCrudScreen } from './curation-crud-routes.ts';
import { formValue } from './curation-http.ts';
import { sectionOptions } from './section-options.ts';
import {
  createSeries,
  deleteSeries,
  getSeries,
  listAllSeries,
  listSeriesArticles,
  type SeriesRow,
  type SeriesValues,
  seriesValues,
  type SeriesInput,
  seriesInputFromForm,
  updateSeries,
} from './series-admin-operations.ts';
import { renderSeriesForm, renderSeriesList } from './series-admin-view.ts';

const NOTICES = { cree: 'Série créée.', enregistre: 'Série enregistrée : le site est à jour.', supprime: 'Série supprimée.' };

/** /admin/series: recurring columns (title, section, description, cadence) and their articles. */
export function seriesAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCrudScreen<SeriesValues, SeriesRow, SeriesInput>(app, ctx, {
    base: '/admin/series',
    newPath: 'nouvelle',
    permission: 'curation:series',
    active: 'series',
    listTitle: 'Séries',
    createTitle: 'Nouvelle série',
    editTitle: (row) => `Série « ${row.title} »`,
    notices: NOTICES,
    renderList: async (c, _request, _csrf, notice) => renderSeriesList(await listAllSeries(c.db), notice),
    load: (c, id) => getSeries(c.db, id),
    emptyValues: () => ({ title: '', slug: '', sectionId: '', description: '', cadence: '' }),
    valuesOf: seriesValues,
    valuesFromBody: (body) => ({
      title: formValue(body.title),
      slug: formValue(body.slug),
      sectionId: formValue(body.sectionId),
      description: formValue(body.description),
      cadence: formValue(body.cadence),
    }),
    renderForm: async (c, view) =>
      renderSeriesForm(view, await sectionOptions(c.db), view.row ? await listSeriesArticles(c.db, view.row.id) : []),
    toInput: seriesInputFromForm,
    create: (c, actor, input) => createSeries(c, actor, input),
    update: (c, actor, id, input) => updateSeries(c, actor, id, input),
    remove: (c, actor, id) => deleteSeries(c, actor, id),
  });
}
