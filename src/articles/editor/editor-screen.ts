/**
 * Sends the editing screen in the back-office layout: loads what the form shows (choices,
 * thumbnails), renders it with the given values, never cached.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../accounts/guards.ts';
import { renderAdminLayout, sendAdminHtml } from '../../admin/admin-layout.ts';
import type { AppContext } from '../../core/app-context.ts';
import { renderDeskPanel } from '../../desk/pepite-guard.ts';
import { renderWirePanel } from '../../wire/wire-editor-panel.ts';
import { publicationName } from '../../publication/publication-repository.ts';
import type { FieldIssue } from '../operations/article-input.ts';
import type { ArticleForEdit } from '../operations/article-for-edit.ts';
import { renderEditorPage, RECENT_EDIT_MINUTES } from './editor-page.ts';
import { loadChoices, loadImageChoices } from './editor-repository.ts';
import type { EditorValues } from './editor-values.ts';

/** Ids of the images a body JSON text shows (best effort: an unreadable body shows none). */
function bodyImageIds(body: string): number[] {
  try {
    const doc = JSON.parse(body) as { content?: Array<{ type?: string; attrs?: { imageId?: unknown } }> };
    return (doc.content ?? [])
      .filter((n) => n?.type === 'image' && typeof n.attrs?.imageId === 'number')
      .map((n) => n.attrs!.imageId as number);
  } catch {
    return [];
  }
}

export interface EditorScreenOptions {
  state: ArticleForEdit | null;
  values: EditorValues;
  issues?: readonly FieldIssue[];
  notice?: string;
  status?: number;
}

/** Renders and sends the editor for a stored article (or a new one when state is null). */
export async function sendEditorScreen(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: EditorScreenOptions,
): Promise<FastifyReply> {
  const actor = actorOf(request);
  const heroId = Number(options.values.heroImageId);
  const [choices, images, name, deskPanel] = await Promise.all([
    loadChoices(ctx.db, [...options.values.authorPersonIds, actor.personId]),
    loadImageChoices(ctx.db, [...(Number.isInteger(heroId) ? [heroId] : []), ...bodyImageIds(options.values.body)]),
    publicationName(ctx.db),
    options.state
      ? Promise.all([renderDeskPanel(ctx.db, options.state.id), renderWirePanel(ctx.db, options.state.id)]).then((p) => p.join(''))
      : '',
  ]);
  const csrfToken = reply.generateCsrf();
  const now = new Date();
  const state = options.state;
  // Someone else saved lately: they may still be at it.
  let recentEdit: { name: string; minutes: number } | null = null;
  if (state?.editedAt && state.editedBy && state.editedBy.id !== actor.userId && !options.issues) {
    const minutes = Math.floor((now.getTime() - Date.parse(state.editedAt)) / 60_000);
    if (minutes < RECENT_EDIT_MINUTES) recentEdit = { name: state.editedBy.name, minutes: Math.max(0, minutes) };
  }
  const main = renderEditorPage({
    csrfToken,
    publicationName: name,
    publicUrl: ctx.config.publicUrl,
    state,
    values: options.values,
    choices,
    images,
    issues: options.issues,
    notice: options.notice,
    recentEdit,
    deskPanel,
    now,
  });
  const title = options.issues?.length
    ? `Erreur — ${state ? 'Modifier l’article' : 'Nouvel article'}`
    : state
      ? `Modifier « ${state.input.headline} »`
      : 'Nouvel article';
  const document = renderAdminLayout(ctx, actor, { title, main, active: 'articles', csrfToken, publicationName: name });
  return sendAdminHtml(ctx, reply, document, options.status ?? 200);
}
