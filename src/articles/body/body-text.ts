/**
 * Reading a validated body without rendering it: the images it needs, its plain text (feeds,
 * search index, meta descriptions) and its word count (reading time).
 */
import type { BodyBlock, BodyDoc, InlineNode, ListItemNode } from './body-schema.ts';

/** Ids of the images the body shows, in order of appearance, without duplicates. */
export function collectImageIds(doc: BodyDoc): number[] {
  const ids = new Set<number>();
  for (const block of doc.content) {
    if (block.type === 'image') ids.add(block.attrs.imageId);
  }
  return [...ids];
}

/**
 * The body as plain text: blocks separated by a blank line, list items and hard breaks by a
 * newline, a quotation followed by "— speaker, role". Images and embeds carry no body text.
 */
export function bodyToPlainText(doc: BodyDoc): string {
  const blocks: string[] = [];
  for (const block of doc.content) {
    const text = blockText(block);
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Number of words of the body text ("aujourd’hui" and "Jong-un" count as one). */
export function wordCount(doc: BodyDoc): number {
  let count = 0;
  for (const _ of bodyToPlainText(doc).matchAll(WORD)) count++;
  return count;
}

function blockText(block: BodyBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'quote': {
      const said = block.content
        .map((paragraph) => inlineText(paragraph.content))
        .filter(Boolean)
        .join('\n');
      const who = [block.attrs.speaker?.trim(), block.attrs.role?.trim()].filter(Boolean).join(', ');
      return who ? `${said}\n— ${who}` : said;
    }
    case 'bulletList':
    case 'orderedList':
      return listText(block.content);
    case 'image':
    case 'embed':
    case 'horizontalRule':
      return '';
  }
}

function listText(items: ListItemNode[]): string {
  const lines: string[] = [];
  for (const item of items) {
    for (const child of item.content) {
      const text = child.type === 'paragraph' ? inlineText(child.content) : listText(child.content);
      if (text) lines.push(text);
    }
  }
  return lines.join('\n');
}

function inlineText(nodes: InlineNode[] | undefined): string {
  if (!nodes) return '';
  let text = '';
  for (const node of nodes) text += node.type === 'text' ? node.text : '\n';
  return text.trim();
}
