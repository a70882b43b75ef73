import { html } from '../core/html/html.ts';

/** Longest comment accepted, in characters. */
export const COMMENT_MAX = 4000;
export const COMMENT_MIN = 2;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'«»]+/giu;

/** The links a comment contains (for the rules and the auto-linking alike). */
export function linksIn(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => m[0].replace(/[.,;:!?)\]]+$/u, ''));
}

function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/u, '');
    const start = match.index ?? 0;
    out += html`${line.slice(last, start)}`;
    out += html`<a href="${url}" rel="nofollow ugc noopener" class="comment__link">${url}</a>`;
    last = start + url.length;
  }
  return out + html`${line.slice(last)}`;
}

/**
 * A comment's text as HTML: paragraphs at blank lines, line breaks kept, URLs made into links
 * (rel="nofollow ugc"), everything else escaped. No markup a reader typed is ever rendered.
 */
export function renderCommentText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${para.split('\n').map(linkify).join('<br>')}</p>`)
    .join('');
}
