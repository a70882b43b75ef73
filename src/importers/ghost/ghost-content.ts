import { z } from 'zod';

// A Ghost post's body as HTML. Exports carry the `html` Ghost rendered, which is what the importer
// reads; when it is missing (some exports, some API copies) the source document is rendered here:
// Lexical (Ghost 5+) or Mobiledoc (Ghost 1–4), their common parts only (paragraphs, headings,
// quotes, lists, links, bold and italic, images, separators, HTML cards). What is not understood
// is named in `dropped`.

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

interface LexicalNode {
  type?: string;
  tag?: string;
  listType?: string;
  text?: string;
  format?: number;
  url?: string;
  src?: string;
  alt?: string;
  caption?: string;
  html?: string;
  children?: LexicalNode[];
}

const lexicalSchema = z.object({ root: z.object({ children: z.array(z.unknown()) }) });
const mobiledocSchema = z.object({
  cards: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])).default([]),
  markups: z.array(z.array(z.unknown())).default([]),
  sections: z.array(z.array(z.unknown())),
});

function lexicalInline(nodes: LexicalNode[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'extended-text') {
        let out = escapeHtml(node.text ?? '');
        if ((node.format ?? 0) & 2) out = `<em>${out}</em>`;
        if ((node.format ?? 0) & 1) out = `<strong>${out}</strong>`;
        return out;
      }
      if (node.type === 'linebreak') return '<br>';
      if (node.type === 'link') return `<a href="${escapeHtml(node.url ?? '')}">${lexicalInline(node.children)}</a>`;
      return lexicalInline(node.children);
    })
    .join('');
}

function lexicalBlock(node: LexicalNode, dropped: Set<string>): string {
  switch (node.type) {
    case 'paragraph':
    case 'extended-paragraph':
      return `<p>${lexicalInline(node.children)}</p>`;
    case 'heading':
    case 'extended-heading':
      return /^h[1-6]$/.test(node.tag ?? '') ? `<${node.tag}>${lexicalInline(node.children)}</${node.tag}>` : '';
    case 'quote':
    case 'extended-quote':
    case 'aside':
      return `<blockquote><p>${lexicalInline(node.children)}</p></blockquote>`;
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul';
      return `<${tag}>${(node.children ?? []).map((item) => `<li>${lexicalInline(item.children)}</li>`).join('')}</${tag}>`;
    }
    case 'image':
      return `<figure><img src="${escapeHtml(node.src ?? '')}" alt="${escapeHtml(node.alt ?? '')}">${node.caption ? `<figcaption>${node.caption}</figcaption>` : ''}</figure>`;
    case 'horizontalrule':
      return '<hr>';
    case 'html':
      return node.html ?? '';
    default:
      dropped.add(`carte Ghost « ${String(node.type).slice(0, 40)} »`);
      return '';
  }
}

function mobiledocToHtml(doc: z.infer<typeof mobiledocSchema>, dropped: Set<string>): string {
  const markupTag = (index: unknown): { open: string; close: string } => {
    const [tag, attrs] = (doc.markups[Number(index)] ?? []) as [string?, unknown[]?];
    if (tag === 'a') {
      const href = Array.isArray(attrs) ? attrs[attrs.indexOf('href') + 1] : '';
      return { open: `<a href="${escapeHtml(String(href ?? ''))}">`, close: '</a>' };
    }
    if (tag && ['strong', 'b', 'em', 'i', 'code', 'sup', 'sub'].includes(tag)) return { open: `<${tag}>`, close: `</${tag}>` };
    return { open: '', close: '' };
  };
  const markers = (list: unknown): string => {
    if (!Array.isArray(list)) return '';
    const open: string[] = [];
    let out = '';
    for (const marker of list) {
      if (!Array.isArray(marker)) continue;
      const [kind, opens, closes, value] = marker as [number, unknown[], number, unknown];
      for (const index of opens ?? []) {
        const tag = markupTag(index);
        out += tag.open;
        open.push(tag.close);
      }
      if (kind === 0) out += escapeHtml(String(value ?? ''));
      for (let n = 0; n < (closes ?? 0); n++) out += open.pop() ?? '';
    }
    return out + open.reverse().join('');
  };
  return doc.sections
    .map((section) => {
      const [kind, a, b] = section as [number, unknown, unknown];
      if (kind === 1) {
        const tag = String(a).toLowerCase();
        const content = markers(b);
        if (/^h[1-6]$/.test(tag)) return `<${tag}>${content}</${tag}>`;
        if (tag === 'blockquote' || tag === 'aside') return `<blockquote><p>${content}</p></blockquote>`;
        return `<p>${content}</p>`;
      }
      if (kind === 3) {
        const tag = a === 'ol' ? 'ol' : 'ul';
        const items = Array.isArray(b) ? b.map((item) => `<li>${markers(item)}</li>`).join('') : '';
        return `<${tag}>${items}</${tag}>`;
      }
      if (kind === 10) {
        const [name, payload] = doc.cards[Number(a)] ?? ['', {}];
        if (name === 'image')
          return `<figure><img src="${escapeHtml(String(payload.src ?? ''))}" alt="${escapeHtml(String(payload.alt ?? ''))}">${payload.caption ? `<figcaption>${String(payload.caption)}</figcaption>` : ''}</figure>`;
        if (name === 'hr') return '<hr>';
        if (name === 'html') return String(payload.html ?? '');
        dropped.add(`carte Ghost « ${name.slice(0, 40)} »`);
      }
      return '';
    })
    .join('\n');
}

/** The post's HTML: Ghost's own rendering when the export has it, else its Lexical or Mobiledoc rendered here. */
export function ghostPostHtml(post: { html?: string | null; lexical?: string | null; mobiledoc?: string | null }): {
  html: string;
  dropped: string[];
} {
  if (post.html) return { html: post.html, dropped: [] };
  const dropped = new Set<string>();
  for (const [source, render] of [
    [
      post.lexical,
      (json: unknown) => {
        const doc = lexicalSchema.parse(json);
        return doc.root.children.map((node) => lexicalBlock(node as LexicalNode, dropped)).join('\n');
      },
    ],
    [post.mobiledoc, (json: unknown) => mobiledocToHtml(mobiledocSchema.parse(json), dropped)],
  ] as const) {
    if (!source) continue;
    try {
      return { html: render(JSON.parse(source)), dropped: [...dropped] };
    } catch {
      return { html: '', dropped: ['corps illisible (document Lexical ou Mobiledoc invalide)'] };
    }
  }
  return { html: '', dropped: [] };
}
