import { notice } from '../accounts/account-page.ts';
import type { Db } from '../core/db/database.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { photoProblemText } from './wire-views.ts';
import { findItemOfArticle } from './wire-repository.ts';

/**
 * The panel of a dépêche's editor: which agency item it came from, that a later version of the
 * agency replaces its text, and, when the agency's photo could not be had, why (in French).
 */
export async function renderWirePanel(db: Db, articleId: number): Promise<string> {
  const item = await findItemOfArticle(db, articleId);
  if (!item) return '';
  const problem = item.photo_problem ? notice('warn', photoProblemText(item.photo_problem, item.photo_reason)) : '';
  return html`<section class="desk-panel" aria-labelledby="wire-panel-title"><h2 id="wire-panel-title">Dépêche d’agence</h2><p>${item.agencyName} · version ${String(item.version)} · reçue le ${formatDateTimeFr(item.updated_at)}. Une version plus récente de l’agence remplacera le texte.</p>!${problem}</section>`;
}
