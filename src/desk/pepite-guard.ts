import { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import { bodyToPlainText } from '../articles/body/body-text.ts';
import { parseBody } from '../articles/body/body-schema.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { draftSource, loadDeskSettings } from './board-repository.ts';
import { extractedText, storedExtraction } from './extract-article.ts';
import { type QuoteReport, quoteReport, quoteVerdict } from './quote-guard.ts';

// The quote guard where the article is: the editor shows its verdict on a pépite drafted at the
// desk, and publishing refuses a draft above the hard limit (articles/operations/workflow.ts asks
// `deskPublishProblems`). While the editor types, an island sends the unsaved text to
// `checkDraftQuotes` and shows the same verdict; publishing still asks the stored draft. The original is the page's extracted text when an editor read it,
// otherwise the headline and summary the feed gave.

interface GuardResult {
  report: QuoteReport;
  verdict: 'ok' | 'warn' | 'block';
  settings: { quoteWarnWords: number; quoteBlockWords: number };
  source: NonNullable<Awaited<ReturnType<typeof draftSource>>>;
}

/** The draft's words the guard reads: the editor's fields, saved or not. */
const draftTextSchema = z.object({
  kicker: z.string().max(1_000).default(''),
  lead: z.string().max(10_000).default(''),
  body: z.string().max(2_000_000).default(''),
});
type DraftText = z.infer<typeof draftTextSchema>;

/** The article's own text (kicker, lead and body) for the guard. */
function draftText(article: DraftText): string {
  let body = '';
  try {
    body = bodyToPlainText(parseBody(JSON.parse(article.body)));
  } catch {
    // An unreadable body counts as empty here; saving it is refused elsewhere.
  }
  return [article.kicker, article.lead, body].join('\n\n');
}

/** The guard over the stored draft, or over `typed` (the editor's fields not saved yet) when given. */
async function guard(db: Db, articleId: number, typed?: DraftText): Promise<GuardResult | null> {
  const source = await draftSource(db, articleId);
  if (!source) return null;
  const article =
    typed ?? (await db.selectFrom('articles').select(['lead', 'body', 'kicker']).where('id', '=', articleId).executeTakeFirst());
  if (!article) return null;
  const extracted = storedExtraction(source.extracted);
  const original = extracted ? extractedText(extracted) : `${source.headline}\n\n${source.summary}`;
  const settings = await loadDeskSettings(db);
  const report = quoteReport(draftText(article), original);
  const verdict = quoteVerdict(
    report,
    { warnWords: settings.quoteWarnWords, blockWords: settings.quoteBlockWords },
    source.quoteAllowed === 1,
  );
  return { report, verdict, settings, source };
}

/** What publishing still refuses for a desk draft (empty when the quote guard lets it through). */
export async function deskPublishProblems(db: Db, articleId: number): Promise<{ path: string; message: string }[]> {
  const result = await guard(db, articleId);
  if (result?.verdict !== 'block') return [];
  return [
    {
      path: 'body',
      message: `une reprise plus courte de l’original (${result.report.longestRun} mots à la suite repris de ${result.source.outletName}, limite ${result.settings.quoteBlockWords})`,
    },
  ];
}

/** The guard's verdict as the editor shows it (the same markup on the page and after each live check). */
function renderGuardStatus({ report, verdict, settings, source }: GuardResult): string {
  return verdict === 'ok'
    ? html`<p class="notice notice--ok" data-quote-guard="ok">Reprises de l’original : ${String(report.longestRun)} mots à la suite au plus (alerte au-delà de ${String(settings.quoteWarnWords)}).</p>`
    : html`<div class="notice ${verdict === 'block' ? 'notice--error' : 'notice--warn'}" role="alert" data-quote-guard="${verdict}"><p><strong>${verdict === 'block' ? 'Publication bloquée' : 'Attention, reprise'} :</strong> ${String(report.longestRun)} mots à la suite reprennent l’article de ${source.outletName} (${String(report.repeatedWords)} mots repris en tout ; alerte au-delà de ${String(settings.quoteWarnWords)}, blocage au-delà de ${String(settings.quoteBlockWords)}${source.quoteAllowed === 1 ? ', ce média autorise les citations longues' : ''}). Résumez avec vos mots ou citez plus court.</p><p class="desk-panel__excerpt">« ${report.longestText} »</p></div>`;
}

/**
 * The quote guard over text the editor has typed but not saved, for the live warning. It only
 * informs: publishing checks the stored draft again (deskPublishProblems).
 */
export async function checkDraftQuotes(
  ctx: AppContext,
  actor: Actor,
  articleId: number,
  typed: unknown,
): Promise<{ verdict: GuardResult['verdict']; longestRun: number; html: string }> {
  assertCan(actor, 'desk:use');
  const parsed = draftTextSchema.safeParse(typed);
  if (!parsed.success) throw AppError.badRequest('Texte illisible pour la vérification des reprises.');
  const result = await guard(ctx.db, articleId, parsed.data);
  if (!result) throw AppError.notFound('Cet article n’est pas une pépite tirée de la veille.');
  return { verdict: result.verdict, longestRun: result.report.longestRun, html: renderGuardStatus(result) };
}

/**
 * The desk's panel in the editor of a pépite drafted from an item: its source and the quote guard,
 * in a live region the editor's island refreshes while the editor types (quote-guard-live.ts).
 */
export async function renderDeskPanel(db: Db, articleId: number): Promise<string> {
  const result = await guard(db, articleId);
  if (!result) return '';
  const { source } = result;
  return html`<section class="desk-panel" aria-labelledby="desk-panel-title"><h2 id="desk-panel-title">Pépite tirée de la veille</h2><p>D’après « <a href="/admin/veille/articles/${String(source.itemId)}">${source.headline}</a> », ${source.outletName}, publié le ${formatDateTimeFr(source.publishedAt)}.</p><div aria-live="polite" data-quote-guard-live="/admin/veille/garde/${String(articleId)}">!${renderGuardStatus(result)}</div></section>`;
}
