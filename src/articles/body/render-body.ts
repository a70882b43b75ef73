/**
 * Renders a validated article body to semantic HTML.
 *
 * Text goes through French typography, then escaping; URLs and attributes are only escaped.
 * Quotations in another language (lang="en"…) are not given French spacing, which would be wrong
 * there. Embeds are click-to-load facades: nothing is requested from a third party before the
 * reader asks for it (the link opens the platform without JavaScript; an island may swap in the
 * privacy-enhanced player on click).
 */
import { html } from '../../core/html/html.ts';
import { slugify } from '../../core/text/slug.ts';
import { frenchTypography } from '../../core/text/typography.ts';
import type { BodyBlock, BodyDoc, EmbedAttrs, InlineNode, ListItemNode, ListNode } from './body-schema.ts';

export interface BodyRenderContext {
  /** Returns the complete <figure> of an image, or '' when it no longer exists. The caption is plain text, already typographed. */
  renderImage(imageId: number, opts: { caption?: string; size: 'inline' | 'wide' }): string;
  /** Ids used elsewhere on the page (skip-link target, comments…), which heading anchors must avoid. */
  reservedIds?: Iterable<string>;
  /** The site's own origin ("https://exemple.fr"): absolute links to it are not marked external. */
  siteOrigin?: string;
}

interface RenderState {
  ctx: BodyRenderContext;
  usedIds: Set<string>;
}

const HEADING_ID_MAX_LENGTH = 60;
const HTTP_URL = /^https?:/i;

const VIDEO_PROVIDERS = {
  youtube: { label: 'Vidéo YouTube', watchUrl: (id: string) => `https://www.youtube.com/watch?v=${id}` },
  vimeo: { label: 'Vidéo Vimeo', watchUrl: (id: string) => `https://vimeo.com/${id}` },
  dailymotion: { label: 'Vidéo Dailymotion', watchUrl: (id: string) => `https://www.dailymotion.com/video/${id}` },
} as const;

/** Typographed once, not per render. */
const VIDEO_NOTICES = {
  youtube: frenchTypography("Vidéo hébergée par YouTube : rien n'est chargé depuis YouTube avant votre clic."),
  vimeo: frenchTypography("Vidéo hébergée par Vimeo : rien n'est chargé depuis Vimeo avant votre clic."),
  dailymotion: frenchTypography("Vidéo hébergée par Dailymotion : rien n'est chargé depuis Dailymotion avant votre clic."),
} as const;
const AUDIO_FALLBACK = frenchTypography("Écouter l'enregistrement");

const PLAY_ICON =
  '<span class="embed__play" aria-hidden="true"><svg viewBox="0 0 24 24" width="48" height="48" focusable="false"><path d="M8 5v14l11-7z" fill="currentColor"/></svg></span>';

/** Renders the body blocks to HTML. Throws on a node type the schema does not know (defence in depth). */
export function renderBody(doc: BodyDoc, ctx: BodyRenderContext): string {
  const state: RenderState = { ctx, usedIds: new Set(ctx.reservedIds) };
  let out = '';
  for (const block of doc.content) out += renderBlock(block, state);
  return out;
}

function renderBlock(block: BodyBlock, state: RenderState): string {
  switch (block.type) {
    case 'paragraph':
      // Empty paragraphs are the editor's spacing habit, not content.
      return block.content?.length ? html`<p>!${renderInline(block.content, true, state)}</p>` : '';
    case 'heading':
      return renderHeading(block.attrs.level, block.content, state);
    case 'quote':
      return renderQuote(block, state);
    case 'bulletList':
    case 'orderedList':
      return renderList(block, state);
    case 'image':
      return state.ctx.renderImage(block.attrs.imageId, {
        caption: block.attrs.caption ? frenchTypography(block.attrs.caption) : undefined,
        size: block.attrs.size ?? 'inline',
      });
    case 'embed':
      return renderEmbed(block.attrs);
    case 'horizontalRule':
      return '<hr>';
    default:
      throw unknownNode(block);
  }
}

function renderHeading(level: 2 | 3, content: InlineNode[] | undefined, state: RenderState): string {
  if (!content?.length) return ''; // an empty heading is an accessibility error
  const inner = renderInline(content, true, state);
  let text = '';
  for (const node of content) if (node.type === 'text') text += node.text;
  const id = uniqueId(slugify(text, HEADING_ID_MAX_LENGTH), state.usedIds);
  return level === 2 ? html`<h2 id="${id}">!${inner}</h2>` : html`<h3 id="${id}">!${inner}</h3>`;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function renderQuote(block: Extract<BodyBlock, { type: 'quote' }>, state: RenderState): string {
  const { speaker, role, lang } = block.attrs;
  const french = !lang || lang.toLowerCase().startsWith('fr');
  let paragraphs = '';
  for (const paragraph of block.content) {
    if (paragraph.content?.length) paragraphs += html`<p>!${renderInline(paragraph.content, french, state)}</p>`;
  }
  const quote = lang ? html`<blockquote lang="${lang}">!${paragraphs}</blockquote>` : html`<blockquote>!${paragraphs}</blockquote>`;
  // A person's name is not the title of a work, so it is not a <cite> (HTML standard).
  const name = speaker?.trim();
  const quality = role?.trim();
  // An unnamed speaker: the quality alone ("un diplomate européen"), or no attribution line at all.
  if (!name && !quality) return html`<figure class="quote">!${quote}</figure>`;
  const who = name ? html`<span class="quote__speaker">${frenchTypography(name)}</span>` : '';
  const caption = name && quality ? html`!${who}, ${frenchTypography(quality)}` : name ? who : frenchTypography(quality!);
  return html`<figure class="quote">!${quote}<figcaption>—&nbsp;!${caption}</figcaption></figure>`;
}

function renderList(list: ListNode, state: RenderState): string {
  let items = '';
  for (const item of list.content) items += renderListItem(item, state);
  if (list.type === 'bulletList') return html`<ul>!${items}</ul>`;
  const start = list.attrs?.start;
  const type = list.attrs?.type;
  const startAttr = start != null && start !== 1 ? html` start="${start}"` : '';
  const typeAttr = type && type !== '1' ? html` type="${type}"` : '';
  return html`<ol!${startAttr}!${typeAttr}>!${items}</ol>`;
}

function renderListItem(item: ListItemNode, state: RenderState): string {
  // A single paragraph (the usual tight list item) is written without its <p>.
  const paragraphs = item.content.filter((child) => child.type === 'paragraph').length;
  let inner = '';
  for (const child of item.content) {
    if (child.type === 'paragraph') {
      if (!child.content?.length) continue;
      const text = renderInline(child.content, true, state);
      inner += paragraphs === 1 ? text : html`<p>!${text}</p>`;
    } else if (child.type === 'bulletList' || child.type === 'orderedList') {
      inner += renderList(child, state);
    } else {
      throw unknownNode(child);
    }
  }
  return html`<li>!${inner}</li>`;
}

/**
 * Inline content: consecutive nodes carrying the same link share one <a>; `before` carries the
 * last typographed character across nodes so "<em>mot</em>?" still gets its narrow space.
 */
function renderInline(nodes: InlineNode[], french: boolean, state: RenderState): string {
  let out = '';
  let openHref: string | undefined;
  let before = '';
  for (const node of nodes) {
    let href: string | undefined;
    let bold = false;
    let italic = false;
    for (const mark of node.marks ?? []) {
      switch (mark.type) {
        case 'bold':
          bold = true;
          break;
        case 'italic':
          italic = true;
          break;
        case 'link':
          href = mark.attrs.href;
          break;
        default:
          throw unknownNode(mark);
      }
    }
    if (href !== openHref) {
      if (openHref !== undefined) out += '</a>';
      if (href !== undefined) out += openLink(href, state);
      openHref = href;
    }
    if (node.type === 'hardBreak') {
      out += '<br>';
      before = '';
      continue;
    }
    if (node.type !== 'text') throw unknownNode(node);
    const text = french ? frenchTypography(node.text, before) : node.text;
    before = text.at(-1) ?? before;
    let piece = html`${text}`;
    if (italic) piece = html`<em>!${piece}</em>`;
    if (bold) piece = html`<strong>!${piece}</strong>`;
    out += piece;
  }
  if (openHref !== undefined) out += '</a>';
  return out;
}

function openLink(href: string, state: RenderState): string {
  return isExternal(href, state.ctx.siteOrigin) ? html`<a href="${href}" rel="noopener">` : html`<a href="${href}">`;
}

function isExternal(href: string, siteOrigin: string | undefined): boolean {
  // Validated hrefs are http(s)://…, mailto:, /path or #anchor: only the first can leave the site.
  if (!HTTP_URL.test(href)) return false;
  return siteOrigin === undefined || URL.parse(href)?.origin !== siteOrigin;
}

function renderEmbed(attrs: EmbedAttrs): string {
  if (attrs.provider === 'audio') {
    return html`<figure class="embed embed--audio"><audio controls preload="none" src="${attrs.src}"><a href="${attrs.src}">${AUDIO_FALLBACK}</a></audio><figcaption>${frenchTypography(attrs.title)}</figcaption></figure>`;
  }
  if (!Object.hasOwn(VIDEO_PROVIDERS, attrs.provider)) throw unknownNode(attrs);
  const provider = VIDEO_PROVIDERS[attrs.provider];
  return html`<figure class="embed embed--video" data-embed-provider="${attrs.provider}" data-embed-id="${attrs.id}"><a class="embed__facade" href="${provider.watchUrl(attrs.id)}">!${PLAY_ICON}<span class="embed__title">${frenchTypography(attrs.title)}</span> <span class="embed__provider">${provider.label}</span></a><figcaption class="embed__notice">${VIDEO_NOTICES[attrs.provider]}</figcaption></figure>`;
}

function unknownNode(node: unknown): Error {
  const record = node as { type?: unknown; provider?: unknown };
  return new Error(`Corps d’article : élément inconnu « ${String(record?.type ?? record?.provider)} »`);
}
