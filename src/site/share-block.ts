import { BoundedMemo } from '../core/cache/bounded-memo.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { icon, type IconName } from './icons.ts';

/** What is shared: the absolute URL, the title, and a short text (the lead). */
export interface ShareInput {
  url: string;
  title: string;
  text: string;
}

/** One way of sharing: a plain link, visible label and accessible name. */
export interface ShareLink {
  id: string;
  label: string;
  accessibleName: string;
  href: string;
  icon: IconName;
}

const e = encodeURIComponent;

/**
 * The share links, built as standards.md "Sharing" gives them: plain URLs opening the app or the
 * network's own page, so no third-party script runs on ours. Mastodon is left out: it needs the
 * reader's own server; the system share sheet and "Copier le lien" cover it.
 */
export function shareLinks({ url, title, text }: ShareInput): ShareLink[] {
  const titleAndUrl = `${title} ${url}`;
  return [
    {
      id: 'email',
      label: 'E-mail',
      accessibleName: 'Partager par e-mail',
      icon: 'email',
      href: `mailto:?subject=${e(title)}&body=${e(text ? `${text}\n\n${url}` : url)}`,
    },
    // iOS reads "&body=", Android "?body=": "sms:?&body=" satisfies both.
    { id: 'sms', label: 'SMS', accessibleName: 'Partager par SMS', icon: 'sms', href: `sms:?&body=${e(titleAndUrl)}` },
    {
      id: 'whatsapp',
      label: 'WhatsApp',
      accessibleName: 'Partager sur WhatsApp',
      icon: 'whatsapp',
      href: `https://wa.me/?text=${e(titleAndUrl)}`,
    },
    {
      id: 'telegram',
      label: 'Telegram',
      accessibleName: 'Partager sur Telegram',
      icon: 'telegram',
      href: `https://t.me/share/url?url=${e(url)}&text=${e(title)}`,
    },
    {
      id: 'facebook',
      label: 'Facebook',
      accessibleName: 'Partager sur Facebook',
      icon: 'facebook',
      href: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}`,
    },
    { id: 'x', label: 'X', accessibleName: 'Partager sur X', icon: 'x', href: `https://x.com/intent/post?text=${e(title)}&url=${e(url)}` },
    {
      id: 'linkedin',
      label: 'LinkedIn',
      accessibleName: 'Partager sur LinkedIn',
      icon: 'linkedin',
      href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}`,
    },
    {
      id: 'bluesky',
      label: 'Bluesky',
      accessibleName: 'Partager sur Bluesky',
      icon: 'bluesky',
      href: `https://bsky.app/intent/compose?text=${e(titleAndUrl)}`,
    },
  ];
}

/**
 * The share block: plain links that work without JavaScript, plus two buttons the share island
 * reveals only where they work ("Partager" with the Web Share API, "Copier le lien" with the
 * clipboard). The status line announces "Lien copié" to screen readers.
 */
export function renderShareBlock(input: ShareInput): string {
  // The same for every render of an article until its address, title or lead changes.
  return shareBlocks.get(`${input.url}\u0000${input.title}\u0000${input.text}`, () => buildShareBlock(input));
}

/** The share blocks of the articles read lately (a few KB each). */
const shareBlocks = new BoundedMemo<string>(128);

function buildShareBlock(input: ShareInput): string {
  const links = shareLinks(input).map(
    (link) =>
      html`<li><a class="share__link share__link--${link.id}" href="${link.href}" rel="noopener" aria-label="${link.accessibleName}">!${icon(link.icon)}<span class="share__label">${link.label}</span></a></li>`,
  );
  // The two buttons sit in hidden list items so that, without JavaScript, no empty slot shows.
  const native = html`<li hidden data-share-native-item><button type="button" class="share__button share__button--native" data-share-native hidden>!${icon('share')}<span>Partager</span></button></li>`;
  const copy = html`<li hidden data-share-copy-item><button type="button" class="share__button share__button--copy" data-share-copy hidden>!${icon('link')}<span>Copier le lien</span></button></li>`;
  return html`<section class="share" data-part="share" data-share data-share-url="${input.url}" data-share-title="${input.title}" data-share-text="${input.text}" aria-labelledby="partage-titre"><h2 class="share__title" id="partage-titre">Partager cet article</h2><p class="share__intro">${fr('Avec vos proches, par e-mail, messagerie, SMS ou sur les réseaux sociaux.')}</p><ul class="share__list" role="list">!${native}!${links.join('')}!${copy}</ul><p class="share__status" role="status" aria-live="polite" data-share-status></p></section>`;
}
