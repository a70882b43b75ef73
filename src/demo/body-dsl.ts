/**
 * A small writing DSL for the demo edition: articles are written as readable calls
 * (`p('texte **gras** et [lien](https://…)')`, `h2('Intertitre')`, `quote(…)`) that build
 * Tiptap JSON documents limited to the node types the body schema accepts.
 */

export interface Mark {
  type: 'bold' | 'italic' | 'link';
  attrs?: { href: string };
}

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Mark[];
}

export interface HardBreakNode {
  type: 'hardBreak';
}

export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: 'paragraph';
  content?: InlineNode[];
}

/** An illustration the seeder generates and stores before writing the body; it then sets imageId. */
export interface DemoFigure {
  seed: string;
  alt: string;
  motif: 'skyline' | 'waves' | 'grid' | 'circles' | 'portrait' | 'map' | 'chart' | 'mic';
  palette: 'politique' | 'economie' | 'international' | 'societe' | 'culture' | 'video' | 'podcast' | 'neutral';
}

export type BlockNode =
  | ParagraphNode
  | { type: 'heading'; attrs: { level: 2 | 3 }; content: InlineNode[] }
  | { type: 'quote'; attrs: { speaker: string; role?: string; lang?: string }; content: ParagraphNode[] }
  | { type: 'bulletList' | 'orderedList'; content: { type: 'listItem'; content: ParagraphNode[] }[] }
  | { type: 'image'; attrs: { imageId: number; caption?: string; size?: 'inline' | 'wide' }; demoFigure?: DemoFigure }
  | { type: 'embed'; attrs: { provider: 'youtube' | 'vimeo'; id: string; title: string } }
  | { type: 'embed'; attrs: { provider: 'audio'; src: string; title: string } }
  | { type: 'horizontalRule' };

export interface DocNode {
  type: 'doc';
  content: BlockNode[];
}

/** Parses `**gras**`, `*italique*` and `[texte](url)` (nestable) into marked text nodes; `\n` becomes a line break. */
export function inline(source: string, inherited: Mark[] = []): InlineNode[] {
  const nodes: InlineNode[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain === '') return;
    const lines = plain.split('\n');
    lines.forEach((line, index) => {
      if (index > 0) nodes.push({ type: 'hardBreak' });
      if (line !== '')
        nodes.push(inherited.length > 0 ? { type: 'text', text: line, marks: [...inherited] } : { type: 'text', text: line });
    });
    plain = '';
  };
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('**', i)) {
      const end = source.indexOf('**', i + 2);
      if (end < 0) throw new Error(`Gras non refermé dans : ${source}`);
      flush();
      nodes.push(...inline(source.slice(i + 2, end), [...inherited, { type: 'bold' }]));
      i = end + 2;
    } else if (source[i] === '*') {
      const end = source.indexOf('*', i + 1);
      if (end < 0) throw new Error(`Italique non refermé dans : ${source}`);
      flush();
      nodes.push(...inline(source.slice(i + 1, end), [...inherited, { type: 'italic' }]));
      i = end + 1;
    } else if (source[i] === '[' && source.startsWith('](', source.indexOf(']', i))) {
      // A bracket not followed by "(url)" is plain text, such as an editor's note "[À compléter]".
      const middle = source.indexOf(']', i);
      const end = source.indexOf(')', middle);
      if (end < 0) throw new Error(`Lien mal formé dans : ${source}`);
      flush();
      const href = source.slice(middle + 2, end);
      nodes.push(...inline(source.slice(i + 1, middle), [...inherited, { type: 'link', attrs: { href } }]));
      i = end + 1;
    } else {
      plain += source[i];
      i += 1;
    }
  }
  flush();
  return nodes;
}

/** A paragraph of inline-marked text. */
export function p(text: string): ParagraphNode {
  const content = inline(text);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** An inter-title (level 2). */
export function h2(text: string): BlockNode {
  return { type: 'heading', attrs: { level: 2 }, content: inline(text) };
}

/** A sub-inter-title (level 3). */
export function h3(text: string): BlockNode {
  return { type: 'heading', attrs: { level: 3 }, content: inline(text) };
}

/** A quotation with who said it; each string is one paragraph. */
export function quote(speaker: string, role: string | null, ...paragraphs: string[]): BlockNode {
  const attrs: { speaker: string; role?: string } = { speaker };
  if (role) attrs.role = role;
  return { type: 'quote', attrs, content: paragraphs.map(p) };
}

/** A quotation in another language, so the page can mark it with `lang`. */
export function foreignQuote(lang: string, speaker: string, role: string | null, ...paragraphs: string[]): BlockNode {
  const node = quote(speaker, role, ...paragraphs);
  if (node.type === 'quote') node.attrs.lang = lang;
  return node;
}

/** A bulleted list; each string is one item. */
export function ul(...items: string[]): BlockNode {
  return { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [p(item)] })) };
}

/** A numbered list; each string is one item. */
export function ol(...items: string[]): BlockNode {
  return { type: 'orderedList', content: items.map((item) => ({ type: 'listItem', content: [p(item)] })) };
}

/** A horizontal rule between two parts of a text. */
export function hr(): BlockNode {
  return { type: 'horizontalRule' };
}

/** A YouTube video (the page shows a facade and loads nothing before a click). */
export function youtube(id: string, title: string): BlockNode {
  if (!/^[A-Za-z0-9_-]{11}$/.test(id)) throw new Error(`Identifiant YouTube invalide : ${id}`);
  return { type: 'embed', attrs: { provider: 'youtube', id, title } };
}

/** A Vimeo video. */
export function vimeo(id: string, title: string): BlockNode {
  if (!/^\d+$/.test(id)) throw new Error(`Identifiant Vimeo invalide : ${id}`);
  return { type: 'embed', attrs: { provider: 'vimeo', id, title } };
}

/** An illustration inside the body; the seeder generates it and fills in imageId. */
export function figure(figureSpec: DemoFigure & { caption: string; size?: 'inline' | 'wide' }): BlockNode {
  const { caption, size, ...demoFigure } = figureSpec;
  return { type: 'image', attrs: { imageId: 0, caption, size: size ?? 'wide' }, demoFigure };
}

/** A whole document from its blocks. */
export function doc(...content: BlockNode[]): DocNode {
  return { type: 'doc', content };
}
