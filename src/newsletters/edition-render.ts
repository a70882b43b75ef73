import { articlePath, type ArticleTeaser, teasersByIds } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { escapeHtml, html } from '../core/html/html.ts';
import { formatDateFr } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { imageVariant } from '../images/image-urls.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import type { EditionBlock } from './edition-blocks.ts';
import type { NewsletterRow } from './newsletter-repository.ts';

/** Stand-ins for each recipient's own links, replaced in the rendered message just before it is sent. */
export const MANAGE_URL = 'https://kiosque.invalid/mes-newsletters-lien';
export const UNSUBSCRIBE_URL = 'https://kiosque.invalid/desabonnement-lien';

/** One rendered edition: the same bytes for every recipient, but for their two links. */
export interface RenderedEdition {
  subject: string;
  html: string;
  text: string;
}

export const EDITION_HEADINGS: Record<Extract<EditionBlock, { kind: 'article' }>['role'], string> = {
  lead: 'À la une',
  story: 'À lire aussi',
  pepite: 'Les Pépites',
  video: 'En vidéo',
  podcast: 'À écouter',
};

const INK = '#15171a';
const MUTED = '#4a4f57';
const ACCENT = '#9b1c1c';

/**
 * What an edition's message counts when its newsletter counts its audience (opt-in): the paths of
 * the edition's pixel and counted links, which name the edition and never a reader.
 */
export interface AudienceCounting {
  pixelPath: string;
  linkPath(url: string): string;
}

/**
 * Renders an edition with MJML (tables and inline styles that mail clients understand), plus its
 * plain-text twin. Links go straight to the site, with no pixel, unless the newsletter counts its
 * audience: then links go through the edition's counted redirect and a pixel counts opens, the
 * same bytes for every recipient. Images carry width, height and alt; French typography applies
 * to every text; dark mode keeps contrast.
 */
export async function renderEdition(
  ctx: Pick<AppContext, 'config' | 'db'>,
  newsletter: NewsletterRow,
  edition: { subject: string; intro: string; blocks: EditionBlock[]; date: string },
  counting: AudienceCounting | null = null,
): Promise<RenderedEdition> {
  const articleIds = edition.blocks.flatMap((b) => (b.kind === 'article' ? [b.articleId] : []));
  const [chrome, teasers, sources] = await Promise.all([
    loadSiteChrome(ctx.db),
    teasersByIds(ctx.db, articleIds),
    articleIds.length
      ? ctx.db.selectFrom('articles').select(['id', 'source_url']).where('id', 'in', articleIds).execute()
      : Promise.resolve([]),
  ]);
  const byId = new Map(teasers.map((t) => [t.id, t]));
  const sourceUrl = new Map(sources.map((s) => [s.id, s.source_url]));
  const site = ctx.config.publicUrl;
  const link = (url: string) => (counting ? `${site}${counting.linkPath(url)}` : url);
  const publication = chrome.settings.name;
  const date = formatDateFr(edition.date);

  const parts: string[] = [];
  const text: string[] = [fr(`${newsletter.name} — ${publication}`), date, ''];
  if (edition.intro.trim()) {
    for (const paragraph of edition.intro.trim().split(/\n{2,}/)) parts.push(html`<mj-text>${fr(paragraph)}</mj-text>`);
    text.push(fr(edition.intro.trim()), '');
  }
  let lastHeading = '';
  for (const block of edition.blocks) {
    if (block.kind === 'text') {
      parts.push(html`<mj-text>${fr(block.text)}</mj-text>`);
      text.push(fr(block.text), '');
      continue;
    }
    const teaser = byId.get(block.articleId);
    if (!teaser) continue; // Unpublished since it was chosen: left out.
    const heading = EDITION_HEADINGS[block.role];
    if (heading !== lastHeading) {
      parts.push(
        html`<mj-text css-class="rubrique" font-size="13px" font-weight="700" color="${ACCENT}" text-transform="uppercase" padding-top="24px">${heading}</mj-text>`,
      );
      text.push(`== ${heading} ==`, '');
      lastHeading = heading;
    }
    parts.push(articleMjml(teaser, block.role, site, sourceUrl.get(teaser.id) ?? null, link));
    text.push(...articleText(teaser, site, sourceUrl.get(teaser.id) ?? null, link), '');
  }

  const footer = html`<mj-section padding="24px 0 0"><mj-column><mj-divider border-width="1px" border-color="#c9ccd1"></mj-divider><mj-text font-size="14px" color="${MUTED}">${fr(`Vous recevez « ${newsletter.name} » parce que vous vous y êtes inscrit sur ${publication}. ${counting ? 'Ce message compte ses ouvertures et ses clics en un total pour toute l’édition, jamais lecteur par lecteur.' : 'Ce message ne contient aucun traceur.'}`)}</mj-text><mj-text font-size="14px"><a href="${MANAGE_URL}" style="color:${ACCENT}">Mes newsletters</a> · <a href="${UNSUBSCRIBE_URL}" style="color:${ACCENT}">Me désabonner</a> · <a href="${link(`${site}/`)}" style="color:${ACCENT}">${fr(publication)}</a></mj-text>!${counting ? html`<mj-raw><img src="${site}${counting.pixelPath}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px"></mj-raw>` : ''}</mj-column></mj-section>`;
  const document = `<mjml lang="fr"><mj-head><mj-title>${escapeHtml(fr(edition.subject))}</mj-title><mj-preview>${escapeHtml(fr(edition.intro.trim().slice(0, 140) || edition.subject))}</mj-preview><mj-attributes><mj-all font-family="Georgia, 'Times New Roman', serif"></mj-all><mj-text font-size="17px" line-height="1.5" color="${INK}" padding="8px 24px"></mj-text><mj-image padding="8px 24px"></mj-image></mj-attributes><mj-raw><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"></mj-raw><mj-style>:root { color-scheme: light dark; } @media (prefers-color-scheme: dark) { .corps, .corps div, .corps td { background: #16181b !important; color: #f2f2f2 !important; } .corps a { color: #ff9c9c !important; } }</mj-style></mj-head><mj-body width="600px" background-color="#ffffff" css-class="corps"><mj-section padding="16px 0"><mj-column><mj-text font-size="26px" font-weight="700" padding-bottom="0"><a href="${escapeHtml(link(`${site}/`))}" style="color:${INK};text-decoration:none">${escapeHtml(fr(publication))}</a></mj-text><mj-text font-size="15px" color="${MUTED}" padding-top="4px">${escapeHtml(fr(`${newsletter.name} · ${date}`))}</mj-text></mj-column></mj-section><mj-section padding="0"><mj-column>${parts.join('')}</mj-column></mj-section>${footer}</mj-body></mjml>`;
  // Loaded on first use: MJML and its HTML toolchain (juice, cheerio) are a fifth of the server's
  // start-up and tens of MB of memory, for a page only the newsletter screens render.
  const { default: mjml2html } = await import('mjml');
  const rendered = await mjml2html(document, { validationLevel: 'strict', minify: false, keepComments: false });
  if (rendered.errors.length > 0) throw new Error(`MJML : ${rendered.errors.map((e) => e.formattedMessage).join(' ; ')}`);
  text.push('—', `Mes newsletters : ${MANAGE_URL}`, `Me désabonner : ${UNSUBSCRIBE_URL}`, `${publication} : ${link(`${site}/`)}`);
  return { subject: fr(edition.subject), html: rendered.html, text: text.join('\n') };
}

function articleMjml(t: ArticleTeaser, role: string, site: string, source: string | null, link: (url: string) => string): string {
  const url = link(`${site}${articlePath(t)}`);
  const image =
    t.heroImage && (role === 'lead' || role === 'video')
      ? (() => {
          const v = imageVariant(t.heroImage, 1200, 'jpeg', '16x9');
          const height = Math.round((552 * v.height) / v.width);
          return html`<mj-image src="${site}${v.url}" alt="${t.heroImage.alt}" width="552px" height="${String(height)}px" href="${url}"></mj-image>`;
        })()
      : '';
  const size = role === 'lead' ? '24px' : '19px';
  const sourceLine =
    role === 'pepite' && t.sourceOutlet
      ? source
        ? html`<mj-text font-size="14px" color="${MUTED}" padding-top="0">Source : <a href="${link(source)}" style="color:${MUTED}">${fr(t.sourceOutlet)}</a></mj-text>`
        : html`<mj-text font-size="14px" color="${MUTED}" padding-top="0">Source : ${fr(t.sourceOutlet)}</mj-text>`
      : '';
  return html`!${image}<mj-text font-size="${size}" font-weight="700" line-height="1.25" padding-bottom="4px"><a href="${url}" style="color:${INK};text-decoration:none">${fr(t.headline)}</a></mj-text><mj-text padding-top="0">${fr(t.lead)}</mj-text>!${sourceLine}`;
}

function articleText(t: ArticleTeaser, site: string, source: string | null, link: (url: string) => string): string[] {
  const lines = [fr(t.headline), fr(t.lead), link(`${site}${articlePath(t)}`)];
  if (t.format === 'pepite' && t.sourceOutlet) lines.push(fr(`Source : ${t.sourceOutlet}${source ? ` (${link(source)})` : ''}`));
  return lines;
}

/** The message for one recipient: their own "Mes newsletters" and unsubscribe links in place. */
export function personalise(edition: RenderedEdition, links: { manage: string; unsubscribe: string }): { html: string; text: string } {
  const fill = (s: string) => s.replaceAll(MANAGE_URL, links.manage).replaceAll(UNSUBSCRIBE_URL, links.unsubscribe);
  return { html: fill(edition.html), text: fill(edition.text) };
}
