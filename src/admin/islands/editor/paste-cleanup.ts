/**
 * Cleans HTML pasted from Word, Google Docs or a web page before the editor parses it. The
 * editor's schema already drops what it does not know; this pass keeps what the schema *would*
 * misread: bold and italic written as styles (Google Docs, Word), Google Docs' whole-document
 * <b style="font-weight:normal"> wrapper, Word's conditional comments and list bullets, headings
 * outside the h2–h3 range, quotations without a speaker, unsafe links, and every style or class.
 */
import { isSafeHref } from './safe-href.ts';

/** Elements whose content is never wanted. */
const DROP =
  'script, style, meta, link, title, noscript, template, iframe, object, embed, svg, math, canvas, img, picture, video, audio, source, track, form, input, button, select, textarea, head';

/** Attributes kept, per element; everything else (style, class, id, on*, data-*) goes. */
const KEEP_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  ol: ['start'],
  blockquote: ['data-speaker', 'data-role', 'lang'],
  figure: ['data-image-id', 'data-size', 'data-caption'],
  div: ['data-embed-provider', 'data-embed-id', 'data-embed-src', 'data-embed-title'],
};

function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag);
  for (const attribute of Array.from(element.attributes)) replacement.setAttribute(attribute.name, attribute.value);
  replacement.append(...Array.from(element.childNodes));
  element.replaceWith(replacement);
  return replacement;
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function wrapChildren(element: Element, tag: string): void {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...Array.from(element.childNodes));
  element.append(wrapper);
}

const BOLD_WEIGHT = /font-weight\s*:\s*(bold|bolder|[6-9]00)/i;
const NORMAL_WEIGHT = /font-weight\s*:\s*(normal|[1-5]00)/i;
const ITALIC = /font-style\s*:\s*(italic|oblique)/i;

/** The cleaned HTML. Runs in the browser (DOMParser); tested in Chromium. */
export function cleanPastedHtml(input: string): string {
  const doc = new DOMParser().parseFromString(input, 'text/html');
  const body = doc.body;

  // Word's conditional comments and other comments.
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);

  for (const element of Array.from(body.querySelectorAll(DROP))) element.remove();
  // Word's list bullets ("·", "1.") are spans marked mso-list:Ignore; its <o:p> are empty.
  for (const element of Array.from(body.querySelectorAll('[style*="mso-list"]'))) {
    if (/mso-list\s*:\s*ignore/i.test(element.getAttribute('style') ?? '')) element.remove();
  }
  for (const element of Array.from(body.getElementsByTagName('*'))) {
    if (element.localName.includes(':')) unwrap(element);
  }

  // Styles that mean bold or italic become real marks before styles are dropped.
  for (const element of Array.from(body.querySelectorAll('[style]'))) {
    const style = element.getAttribute('style') ?? '';
    const tag = element.localName;
    if ((tag === 'b' || tag === 'strong') && NORMAL_WEIGHT.test(style)) {
      // Google Docs wraps the whole clipboard in <b style="font-weight:normal">.
      element.setAttribute('data-not-bold', '');
      continue;
    }
    if (/^h[1-6]$/.test(tag)) continue; // headings are bold by nature
    if (BOLD_WEIGHT.test(style)) wrapChildren(element, 'strong');
    if (ITALIC.test(style)) wrapChildren(element, 'em');
  }
  for (const element of Array.from(body.querySelectorAll('b, i'))) {
    if (element.hasAttribute('data-not-bold')) unwrap(element);
    else rename(element, element.localName === 'b' ? 'strong' : 'em');
  }
  for (const element of Array.from(body.querySelectorAll('strong[data-not-bold]'))) unwrap(element);

  // Only h2 and h3 exist in the body (the headline is the page's h1).
  for (const element of Array.from(body.querySelectorAll('h1'))) rename(element, 'h2');
  for (const element of Array.from(body.querySelectorAll('h4, h5, h6'))) rename(element, 'h3');

  // A quotation needs its speaker; one pasted from elsewhere has none: keep the text as paragraphs.
  for (const element of Array.from(body.querySelectorAll('blockquote:not([data-speaker])'))) unwrap(element);

  for (const link of Array.from(body.querySelectorAll('a'))) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (!href || !isSafeHref(href)) unwrap(link);
  }
  // Inline wrappers that carry nothing once styles are gone.
  for (const element of Array.from(
    body.querySelectorAll('span, font, u, s, strike, del, ins, mark, small, big, sub, sup, abbr, cite, code, kbd, samp, var, time, label'),
  ))
    unwrap(element);

  for (const element of Array.from(body.getElementsByTagName('*'))) {
    const keep = KEEP_ATTRIBUTES[element.localName] ?? [];
    for (const attribute of Array.from(element.attributes)) {
      if (!keep.includes(attribute.name)) element.removeAttribute(attribute.name);
    }
  }
  // Empty paragraphs Word leaves between every real one.
  for (const p of Array.from(body.querySelectorAll('p'))) {
    if (!p.textContent?.replace(/\u00a0/g, ' ').trim() && !p.querySelector('br')) p.remove();
  }
  return body.innerHTML;
}
