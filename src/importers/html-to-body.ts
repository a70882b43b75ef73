import type { ChildNode, Element } from 'domhandler';
import { lazyPackage } from '../core/lazy-package.ts';
import type { BodyBlock, InlineNode, TextMark } from '../articles/body/body-schema.ts';
import { isSafeHref } from '../articles/body/safe-href.ts';

/** htmlparser2, loaded with the first import (core/lazy-package.ts). */
export const htmlParser2 = lazyPackage<typeof import('htmlparser2')>('htmlparser2');

// Turns a WordPress post body (classic editor HTML with shortcodes and line breaks, or Gutenberg
// block markup) into Kiosque's body document. What has no equivalent is dropped and named in the
// report (shortcodes, scripts, tables, inline styles…), never pasted as raw markup.

/** An image the body uses: its node waits for the importer to store the file and give an id. */
export interface BodyImageRequest {
  src: string;
  alt: string;
  caption: string;
}

export interface ConvertedBody {
  /** Image nodes carry imageId = -(index + 1) into `images` until the importer resolves them. */
  content: BodyBlock[];
  images: BodyImageRequest[];
  /** What was dropped, in French, each once ("shortcode [gallery]", "styles en ligne"…). */
  dropped: string[];
}

const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'figure',
  'hr',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'table',
  'pre',
  'iframe',
  'img',
  'dl',
  'address',
  'details',
]);
const DROPPED_TAGS: Record<string, string> = {
  script: 'script',
  style: 'feuille de style',
  noscript: 'noscript',
  form: 'formulaire',
  input: 'formulaire',
  button: 'bouton',
  select: 'formulaire',
  textarea: 'formulaire',
  object: 'objet intégré',
  embed: 'objet intégré',
  svg: 'image SVG',
  video: 'vidéo intégrée',
  audio: 'son intégré',
  canvas: 'canvas',
  table: 'tableau',
};
const YOUTUBE =
  /^(?:https?:)?\/\/(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com\/(?:watch\?(?:.*&)?v=|embed\/|shorts\/)|youtu\.be\/)([A-Za-z0-9_-]{11})/;
const VIMEO = /^(?:https?:)?\/\/(?:www\.|player\.)?vimeo\.com\/(?:video\/)?([1-9][0-9]{0,11})/;

/**
 * Converts one post body. `wordpress: false` reads plain HTML (an agency's dépêche): square
 * brackets are text there, not shortcodes.
 */
export function htmlToBody(raw: string, options: { wordpress?: boolean } = {}): ConvertedBody {
  const dropped = new Set<string>();
  const images: BodyImageRequest[] = [];
  if (options.wordpress !== false) {
    dynamicBlocks(raw, dropped);
    approximatedBlocks(raw, dropped);
  }
  const html = autop(options.wordpress === false ? raw : shortcodes(raw, dropped));
  const document = htmlParser2().parseDocument(html, { decodeEntities: true });
  const blocks: BodyBlock[] = [];
  const converter = new Converter(blocks, images, dropped);
  converter.blocks(rootOf(document as unknown as Element).children);
  converter.flush();
  return {
    content: blocks.filter((b) => !(b.type === 'paragraph' && (!b.content || b.content.length === 0))),
    images,
    dropped: [...dropped],
  };
}

/**
 * Gutenberg blocks written as a lone comment (`<!-- wp:latest-posts {…} /-->`) have no markup in
 * the export: WordPress makes their content as it shows the page (latest posts, archives, a
 * reusable block by its id…). Nothing of them can come over, so each is named in the report.
 */
function dynamicBlocks(html: string, dropped: Set<string>): void {
  for (const [, name] of html.matchAll(/<!--\s*wp:([a-z0-9-]+(?:\/[a-z0-9-]+)?)(?:\s(?:(?!-->)[\s\S])*?)?\/-->/g)) {
    if (name === 'more' || name === 'nextpage') continue;
    dropped.add(
      name === 'block' ? 'bloc réutilisable Gutenberg (wp:block)' : `bloc Gutenberg wp:${name} (produit par WordPress à l’affichage)`,
    );
  }
}

/**
 * Gutenberg blocks with markup that Kiosque's body has an equivalent for: they come over whole.
 * Any other (columns, buttons, tables, a plugin's block…) keeps only what its markup says in text,
 * links and images; its layout or behaviour is lost, so each kind is named in the report.
 */
const CONVERTED_BLOCKS = new Set([
  'paragraph',
  'heading',
  'image',
  'gallery',
  'quote',
  'pullquote',
  'list',
  'list-item',
  'embed',
  'video',
  'separator',
  'verse',
  'code',
  'preformatted',
  'freeform',
  'more',
  'nextpage',
]);

function approximatedBlocks(html: string, dropped: Set<string>): void {
  for (const [, name] of html.matchAll(/<!--\s*wp:([a-z0-9-]+(?:\/[a-z0-9-]+)?)(?:\s(?:(?!-->)[\s\S])*?)?(?<!\/)-->/g)) {
    if (CONVERTED_BLOCKS.has(name) || name.startsWith('core-embed/')) continue;
    dropped.add(`bloc Gutenberg wp:${name} (seuls son texte, ses liens et ses images sont repris)`);
  }
}

/** WordPress shortcodes: captions become figures, embeds bare URLs; the rest is dropped and reported. */
function shortcodes(html: string, dropped: Set<string>): string {
  let out = html.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/gi, (_m, inner: string) => {
    const img = /<img\b[^>]*>/i.exec(inner)?.[0] ?? '';
    const linked = /<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>/i.exec(inner)?.[0];
    const caption = inner.replace(linked ?? img, '').trim();
    return `<figure>${img}<figcaption>${caption}</figcaption></figure>`;
  });
  out = out.replace(
    /\[(?:embed|youtube|vimeo|video)(?:\s+[^\]]*)?\]\s*(https?:\/\/[^\s[]+)\s*\[\/(?:embed|youtube|vimeo|video)\]/gi,
    '\n\n$1\n\n',
  );
  out = out.replace(/\[(youtube|vimeo)\s+(https?:\/\/[^\s\]]+)[^\]]*\]/gi, '\n\n$2\n\n');
  // Any other shortcode: [name …]…[/name] keeps its inner text; [name …] alone goes.
  out = out.replace(/\[\/?([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\]/gi, (_m, name: string) => {
    dropped.add(`shortcode [${name.toLowerCase()}]`);
    return '';
  });
  return out;
}

/** The classic editor keeps paragraphs as blank lines: wrap them as WordPress's wpautop would. */
function autop(html: string): string {
  // Gutenberg markup is already in blocks; the classic editor's needs wrapping, even when some of it has tags.
  return html.includes('<!-- wp:') ? html : wrapChunks(html);
}

function wrapChunks(html: string): string {
  return html
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) =>
      /^<(?:p|div|h\d|ul|ol|blockquote|figure|hr|table|pre|iframe|!--)/i.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}

class Converter {
  private inline: InlineNode[] = [];
  /** Inside <pre> (a verse, some code): its line breaks are kept. */
  private keepLines = false;
  private readonly out: BodyBlock[];
  private readonly images: BodyImageRequest[];
  private readonly dropped: Set<string>;

  constructor(out: BodyBlock[], images: BodyImageRequest[], dropped: Set<string>) {
    this.out = out;
    this.images = images;
    this.dropped = dropped;
  }

  /** Ends the paragraph being gathered from loose inline content. */
  flush(): void {
    const content = trimInline(this.inline);
    this.inline = [];
    if (content.length) this.out.push(paragraphOrEmbed(content));
  }

  blocks(nodes: ChildNode[]): void {
    for (const node of nodes) this.block(node);
  }

  private block(node: ChildNode): void {
    if (node.type === 'text') {
      if (node.data.trim()) this.inlineNodes([node], []);
      else if (this.inline.length) this.inlineNodes([node], []);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const el = node as Element;
    const tag = el.name.toLowerCase();
    this.noteStyles(el);
    if (DROPPED_TAGS[tag]) {
      this.dropped.add(DROPPED_TAGS[tag]!);
      return;
    }
    if (!BLOCK_TAGS.has(tag)) {
      this.inlineNodes([node], []);
      return;
    }
    this.flush();
    switch (tag) {
      case 'p':
      case 'address':
      case 'pre': {
        const holder = new Converter(this.out, this.images, this.dropped);
        holder.keepLines = tag === 'pre';
        holder.inlineNodes(el.children, []);
        holder.flush();
        return;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        const content = trimInline(this.collectInline(el.children));
        if (content.length) this.out.push({ type: 'heading', attrs: { level: tag === 'h1' || tag === 'h2' ? 2 : 3 }, content });
        return;
      }
      case 'hr':
        this.out.push({ type: 'horizontalRule' });
        return;
      case 'ul':
      case 'ol': {
        const list = this.list(el);
        if (list) this.out.push(list);
        return;
      }
      case 'blockquote':
        this.quote(el);
        return;
      case 'img':
        this.image(el, '');
        return;
      case 'iframe': {
        const embed = embedOf(el.attribs.src ?? '', el.attribs.title);
        if (embed) this.out.push(embed);
        else this.dropped.add('intégration (iframe) d’un service non pris en charge');
        return;
      }
      case 'figure':
        this.figure(el);
        return;
      default:
        // div, section, aside…: their content, as blocks.
        this.blocks(el.children);
        this.flush();
    }
  }

  private figure(el: Element): void {
    const quote = findAll(el, 'blockquote')[0];
    if (quote) return this.quote(quote);
    // A gallery (Gutenberg's, old or new): a figure per image inside, then the gallery's own caption.
    const inner = findAll(el, 'figure', true);
    if (inner.length) {
      for (const figure of inner) this.figure(figure);
      const caption = el.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'figcaption');
      if (caption) this.blocks([caption]);
      this.flush();
      return;
    }
    const caption = textOf(findAll(el, 'figcaption')[0]).trim();
    const images = findAll(el, 'img');
    if (images.length > 1) {
      for (const [index, img] of images.entries()) this.image(img, index === images.length - 1 ? caption : '');
      return;
    }
    const iframe = findAll(el, 'iframe')[0];
    const embedUrl = iframe?.attribs.src ?? textOf(el).trim().split(/\s+/)[0] ?? '';
    const img = findAll(el, 'img')[0];
    if (img) return this.image(img, caption);
    const embed = embedOf(embedUrl, iframe?.attribs.title);
    if (embed) {
      this.out.push(embed);
      return;
    }
    if ((el.attribs.class ?? '').includes('wp-block-embed')) this.dropped.add('intégration d’un service non pris en charge');
    this.blocks(el.children.filter((c) => !(c.type === 'tag' && (c as Element).name === 'figcaption')));
    this.flush();
  }

  private image(img: Element, caption: string): void {
    const src = img.attribs.src ?? '';
    if (!src) return;
    this.images.push({ src, alt: (img.attribs.alt ?? '').trim(), caption });
    this.out.push({ type: 'image', attrs: { imageId: -this.images.length, caption: caption || null, size: null } });
  }

  private quote(el: Element): void {
    const cites = [...findAll(el, 'cite'), ...findAll(el, 'footer')];
    const attribution = cites.map((c) => textOf(c).trim()).find(Boolean) ?? '';
    const inner: BodyBlock[] = [];
    const converter = new Converter(inner, this.images, this.dropped);
    converter.blocks(el.children.filter((c) => !(c.type === 'tag' && ['cite', 'footer'].includes((c as Element).name))));
    converter.flush();
    const paragraphs = inner.flatMap((b) => (b.type === 'paragraph' ? [b] : []));
    if (inner.length !== paragraphs.length) this.dropped.add('élément non textuel dans une citation');
    if (paragraphs.length === 0) return;
    const [speaker, ...role] = attribution.replace(/^[—–-]\s*/, '').split(/,\s*/);
    const attrs: Record<string, string | null> = {};
    if (speaker) attrs.speaker = speaker.slice(0, 200);
    if (role.length) attrs.role = role.join(', ').slice(0, 300);
    this.out.push({ type: 'quote', attrs: attrs as never, content: paragraphs });
  }

  private list(el: Element): BodyBlock | null {
    const items = el.children.filter((c): c is Element => c.type === 'tag' && (c as Element).name === 'li');
    const listItems = items.flatMap((li) => {
      const content: Array<Extract<BodyBlock, { type: 'paragraph' | 'bulletList' | 'orderedList' }>> = [];
      const loose = li.children.filter((c) => !(c.type === 'tag' && ['ul', 'ol'].includes((c as Element).name)));
      const text = trimInline(this.collectInline(loose));
      if (text.length) content.push({ type: 'paragraph', content: text });
      for (const nested of li.children) {
        if (nested.type === 'tag' && ['ul', 'ol'].includes((nested as Element).name)) {
          const sub = this.list(nested as Element);
          if (sub && (sub.type === 'bulletList' || sub.type === 'orderedList')) content.push(sub);
        }
      }
      return content.length ? [{ type: 'listItem' as const, content }] : [];
    });
    if (listItems.length === 0) return null;
    if (el.name === 'ol') {
      const start = Number.parseInt(el.attribs.start ?? '', 10);
      return { type: 'orderedList', attrs: { start: Number.isFinite(start) ? start : 1, type: null }, content: listItems } as BodyBlock;
    }
    return { type: 'bulletList', content: listItems } as BodyBlock;
  }

  private collectInline(nodes: ChildNode[]): InlineNode[] {
    const saved = this.inline;
    this.inline = [];
    this.inlineNodes(nodes, []);
    const collected = this.inline;
    this.inline = saved;
    return collected;
  }

  inlineNodes(nodes: ChildNode[], marks: TextMark[]): void {
    for (const node of nodes) {
      if (node.type === 'text') {
        const lines = this.keepLines ? node.data.split(/\r?\n/) : [node.data];
        lines.forEach((line, index) => {
          if (index > 0) this.inline.push({ type: 'hardBreak' });
          const text = line.replace(/\s+/g, ' ');
          if (text) this.inline.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
        });
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      const tag = el.name.toLowerCase();
      this.noteStyles(el);
      if (DROPPED_TAGS[tag]) {
        this.dropped.add(DROPPED_TAGS[tag]!);
        continue;
      }
      if (tag === 'br') {
        this.inline.push({ type: 'hardBreak' });
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        // An image or a block inside a paragraph: the paragraph ends there, the block follows.
        this.flush();
        this.block(el);
        continue;
      }
      const mark = markOf(el);
      if (mark === 'unsafe-link') this.dropped.add('lien non autorisé (javascript:, data:…)');
      const next = mark && mark !== 'unsafe-link' && !marks.some((m) => m.type === mark.type) ? [...marks, mark] : marks;
      this.inlineNodes(el.children, next);
    }
  }

  private noteStyles(el: Element): void {
    if (el.attribs.style) this.dropped.add('styles en ligne');
  }
}

function markOf(el: Element): TextMark | 'unsafe-link' | null {
  switch (el.name.toLowerCase()) {
    case 'strong':
    case 'b':
      return { type: 'bold' };
    case 'em':
    case 'i':
      return { type: 'italic' };
    case 'a': {
      const href = (el.attribs.href ?? '').trim();
      if (!href) return null;
      return isSafeHref(href) ? { type: 'link', attrs: { href } } : 'unsafe-link';
    }
    default:
      return null;
  }
}

/** Drops leading and trailing blanks and line breaks of a paragraph's inline content. */
function trimInline(nodes: InlineNode[]): InlineNode[] {
  const list = [...nodes];
  while (list.length && (list[0]!.type === 'hardBreak' || (list[0]!.type === 'text' && !list[0]!.text.trim()))) list.shift();
  while (
    list.length &&
    (list.at(-1)!.type === 'hardBreak' || (list.at(-1)!.type === 'text' && !(list.at(-1) as { text: string }).text.trim()))
  )
    list.pop();
  if (list[0]?.type === 'text') list[0] = { ...list[0], text: list[0].text.trimStart() };
  const last = list.at(-1);
  if (last?.type === 'text') list[list.length - 1] = { ...last, text: last.text.trimEnd() };
  return list.filter((n) => n.type !== 'text' || n.text.length > 0);
}

/** A paragraph, or an embed when it holds nothing but a YouTube or Vimeo address (oEmbed). */
function paragraphOrEmbed(content: InlineNode[]): BodyBlock {
  // One word only (an address) is worth matching: the providers' patterns are slow on long text.
  if (content.length === 1 && content[0]!.type === 'text' && /^\S+$/.test(content[0]!.text.trim())) {
    const embed = embedOf(content[0]!.text.trim(), undefined);
    if (embed) return embed;
  }
  return { type: 'paragraph', content };
}

function embedOf(url: string, title: string | undefined): BodyBlock | null {
  const youtube = YOUTUBE.exec(url);
  if (youtube) return { type: 'embed', attrs: { provider: 'youtube', id: youtube[1]!, title: title?.trim() || 'Vidéo YouTube' } };
  const vimeo = VIMEO.exec(url);
  if (vimeo) return { type: 'embed', attrs: { provider: 'vimeo', id: vimeo[1]!, title: title?.trim() || 'Vidéo Vimeo' } };
  return null;
}

/**
 * Where the content is: a whole XHTML document (an agency's NewsML body) is read from its
 * <body>, never its <head>; a stray <body> inside a post (pasted markup, a hostile one) is only a
 * wrapper: the content before it is kept.
 */
function rootOf(document: Element): Element {
  const body = findAll(document, 'body')[0];
  if (!body) return document;
  // Content before the <body> (in document order, the <head> aside): the <body> is a stray tag.
  let before = false;
  const walk = (nodes: ChildNode[]): boolean => {
    for (const node of nodes) {
      if (node === body) return true;
      if (node.type === 'text' && (node as { data: string }).data.trim() !== '') before = true;
      if (node.type !== 'tag') continue;
      const element = node as Element;
      if (element.name === 'head') continue;
      if (element.name === 'img') before = true;
      if (walk(element.children)) return true;
    }
    return false;
  };
  walk(document.children);
  return before ? document : body;
}

/** The elements of that name under `el`; with `outermost`, not those inside one already found. */
function findAll(el: Element, name: string, outermost = false): Element[] {
  const found: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      const child = node as Element;
      if (child.name === name) found.push(child);
      if (!(outermost && child.name === name)) walk(child.children);
    }
  };
  walk(el.children);
  return found;
}

function textOf(node: ChildNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.data;
  if (node.type !== 'tag') return '';
  return (node as Element).children.map(textOf).join('');
}
