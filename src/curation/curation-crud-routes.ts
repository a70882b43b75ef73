import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { Actor, Permission } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { csrfCheck, csrfTokenFor, formBody, seeOther, sendCurationPage } from './curation-http.ts';
import { type FieldErrors, FormError } from './curation-validation.ts';

type Body = Record<string, string | string[] | undefined>;

/** What the edit form of a record needs to render. */
export interface EditFormView<Values, Row> {
  values: Values;
  errors?: FieldErrors;
  /** The stored record when editing; undefined when creating. */
  row?: Row;
  csrfToken: string;
  notice?: string | null;
  /** The request's query string (a screen may show a search beside its form). */
  query?: unknown;
}

/**
 * One curation screen that lists records and edits them: list, new, edit, delete. Every POST is
 * guarded by the CSRF check and the permission; bad input re-renders the form with the values
 * typed and French errors next to the fields (422), and nothing is stored.
 */
export interface CrudScreen<Values, Row, Input = Values> {
  /** "/admin/rubriques" */
  base: string;
  /** Path segment of the creation form: "nouvelle" or "nouveau". */
  newPath: string;
  permission: Permission;
  active: string;
  listTitle: string;
  createTitle: string;
  editTitle(row: Row): string;
  notices: Record<string, string>;
  renderList(ctx: AppContext, request: FastifyRequest, csrfToken: string, notice: string | null): Promise<string>;
  load(ctx: AppContext, id: number): Promise<Row | undefined>;
  emptyValues(ctx: AppContext): Values;
  valuesOf(row: Row): Values;
  valuesFromBody(body: Body): Values;
  /** The form's strings as the operation's typed input; throws a FormError on a value that cannot be converted. */
  toInput?(values: Values): Input;
  renderForm(ctx: AppContext, view: EditFormView<Values, Row>): Promise<string>;
  create(ctx: AppContext, actor: Actor, input: Input): Promise<number>;
  update(ctx: AppContext, actor: Actor, id: number, input: Input): Promise<void>;
  remove(ctx: AppContext, actor: Actor, id: number): Promise<void>;
}

function parseId(request: FastifyRequest): number {
  return pathId((request.params as { id?: unknown }).id);
}

/** Registers the list, create, edit and delete routes of a screen. */
export function registerCrudScreen<Values, Row, Input = Values>(
  app: FastifyInstance,
  ctx: AppContext,
  screen: CrudScreen<Values, Row, Input>,
): void {
  const guard = requireActor(screen.permission);
  const toInput = (values: Values): Input => (screen.toInput ? screen.toInput(values) : (values as unknown as Input));
  const post = { onRequest: csrfCheck(app), preHandler: guard };

  const sendForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<EditFormView<Values, Row>, 'csrfToken'>,
    status = 200,
  ) => {
    const csrfToken = csrfTokenFor(reply);
    const main = await screen.renderForm(ctx, { ...view, csrfToken });
    const title = view.row ? screen.editTitle(view.row) : screen.createTitle;
    return sendCurationPage(ctx, request, reply, { title, active: screen.active, status, main: () => main, csrfToken });
  };

  app.get(screen.base, { preHandler: guard }, async (request, reply) => {
    const notice = noticeFromQuery(request.query, screen.notices);
    const csrfToken = csrfTokenFor(reply);
    const main = await screen.renderList(ctx, request, csrfToken, notice);
    return sendCurationPage(ctx, request, reply, { title: screen.listTitle, active: screen.active, main: () => main, csrfToken });
  });

  app.get(`${screen.base}/${screen.newPath}`, { preHandler: guard }, async (request, reply) =>
    sendForm(request, reply, { values: screen.emptyValues(ctx) }),
  );

  app.post(`${screen.base}/${screen.newPath}`, post, async (request, reply) => {
    const values = screen.valuesFromBody(formBody(request));
    try {
      const id = await screen.create(ctx, actorOf(request), toInput(values));
      return seeOther(reply, `${screen.base}/${id}?ok=cree`);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return sendForm(request, reply, { values, errors: error.fields }, 422);
    }
  });

  app.get(`${screen.base}/:id`, { preHandler: guard }, async (request, reply) => {
    const row = await screen.load(ctx, parseId(request));
    if (!row) throw AppError.notFound();
    return sendForm(request, reply, {
      values: screen.valuesOf(row),
      row,
      notice: noticeFromQuery(request.query, screen.notices),
      query: request.query,
    });
  });

  app.post(`${screen.base}/:id`, post, async (request, reply) => {
    const id = parseId(request);
    const row = await screen.load(ctx, id);
    if (!row) throw AppError.notFound();
    const values = screen.valuesFromBody(formBody(request));
    try {
      await screen.update(ctx, actorOf(request), id, toInput(values));
      return seeOther(reply, `${screen.base}/${id}?ok=enregistre`);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return sendForm(request, reply, { values, errors: error.fields, row }, 422);
    }
  });

  app.post(`${screen.base}/:id/supprimer`, post, async (request, reply) => {
    const id = parseId(request);
    const row = await screen.load(ctx, id);
    if (!row) throw AppError.notFound();
    try {
      await screen.remove(ctx, actorOf(request), id);
      return seeOther(reply, `${screen.base}?ok=supprime`);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return sendForm(request, reply, { values: screen.valuesOf(row), errors: error.fields, row }, 422);
    }
  });
}
