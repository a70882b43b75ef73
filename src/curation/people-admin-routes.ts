import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { registerCrudScreen } from './curation-crud-routes.ts';
import { formList, formValue } from './curation-http.ts';
import { imageField } from './image-field.ts';
import {
  createPerson,
  deletePerson,
  getPerson,
  listPeople,
  type PersonInput,
  personInputFromForm,
  type PersonRow,
  type PersonValues,
  personValues,
  updatePerson,
} from './people-admin-operations.ts';
import { renderPeopleList, renderPersonForm } from './people-admin-view.ts';

const NOTICES = {
  cree: 'Personne créée.',
  enregistre: 'Enregistré : sa page et ses articles sont à jour.',
  supprime: 'Personne supprimée.',
};
const searchQuery = z.object({ q: z.string().max(100).default('') }).catch({ q: '' });

/** /admin/personnes: the newsroom and its outside contributors (bio, expertise, photo, links). */
export function peopleAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCrudScreen<PersonValues, PersonRow, PersonInput>(app, ctx, {
    base: '/admin/personnes',
    newPath: 'nouvelle',
    permission: 'curation:people',
    active: 'personnes',
    listTitle: 'Auteurs',
    createTitle: 'Nouvelle personne',
    editTitle: (row) => row.name,
    notices: NOTICES,
    renderList: async (c, request, _csrf, notice) => {
      const { q } = searchQuery.parse(request.query);
      return renderPeopleList(await listPeople(c.db, q), q, notice);
    },
    load: (c, id) => getPerson(c.db, id),
    emptyValues: () => ({ name: '', slug: '', kind: 'contributor', roleLine: '', bio: '', photoImageId: '', links: [] }),
    valuesOf: personValues,
    valuesFromBody: (body) => {
      const labels = formList(body.linkLabel);
      const urls = formList(body.linkUrl);
      return {
        name: formValue(body.name),
        slug: formValue(body.slug),
        kind: formValue(body.kind),
        roleLine: formValue(body.roleLine),
        bio: formValue(body.bio),
        photoImageId: formValue(body.photoImageId),
        links: labels.slice(0, 20).map((label, i) => ({ label, url: urls[i] ?? '' })),
      };
    },
    renderForm: async (c, view) =>
      renderPersonForm(
        view,
        await imageField(c.db, {
          name: 'photoImageId',
          label: 'Photo (numéro de l’image)',
          value: view.values.photoImageId,
          errors: view.errors,
        }),
      ),
    toInput: personInputFromForm,
    create: (c, actor, input) => createPerson(c, actor, input),
    update: (c, actor, id, input) => updatePerson(c, actor, id, input),
    remove: (c, actor, id) => deletePerson(c, actor, id),
  });
}
