import { articlePath, type ArticleTeaser } from '../../articles/teaser-repository.ts';
import { commentCountLabel } from '../../comments/comments-area.ts';
import type { ArticleFormat } from '../../core/db/schema.ts';
import { OwnedMemo } from '../../core/cache/bounded-memo.ts';
import { html } from '../../core/html/html.ts';
import { formatDateFr, toParisIso } from '../../core/text/dates.ts';
import { fr } from '../../core/text/typography.ts';
import { renderPicture } from '../../images/picture.ts';
import type { CropName } from '../../images/image-types.ts';

/** How prominent a card is: `lead` is the page's main story, `compact` a headline without picture. */
export type TeaserSize = 'lead' | 'large' | 'medium' | 'small' | 'compact';

export interface TeaserCardOptions {
  size?: TeaserSize;
  /** Show the hero picture when the article has one (default: every size but compact). */
  showImage?: boolean;
  /** Load the picture at once with high priority: only for the lead story above the fold. */
  eager?: boolean;
  headingLevel?: 2 | 3 | 4;
  /** Name the section above the headline when the article has no kicker (mixed lists). */
  showSection?: boolean;
  /** Show the lead (chapô); default for lead and large cards only. */
  showLead?: boolean;
  /** Position in an ordered list (dossiers), shown before the headline. */
  number?: number;
}

/** Public names of the formats, for badges and labels. */
export const FORMAT_LABELS: Readonly<Record<ArticleFormat, string>> = {
  actualite: 'Actualité',
  decryptage: 'Décryptage',
  pepite: 'Pépite',
  depeche: 'Dépêche',
  video: 'Vidéo',
  podcast: 'Podcast',
  chronique: 'Chronique',
};

/** Formats announced by a badge on the picture, because the reader will watch or listen. */
const MEDIA_FORMATS: ReadonlySet<ArticleFormat> = new Set(['video', 'podcast']);

interface PictureSpec {
  crop: CropName;
  sizes: string;
  widths?: number[];
}

// `sizes` follow the grids of 50-listings.css (content at most 75rem wide, 1.5rem gutters). The
// widths stop where no screen needs more: a card laid out at most 36rem (576 px) wide, or a whole
// phone's width (430 px at most), is 1,290 device pixels wide at a density of 3; the lead's 46rem
// is 1,472 at 2. Every width more is some 150 bytes of markup per card in every listing.
const CARD_WIDTHS = [320, 480, 640, 960, 1280];
const PICTURES: Record<Exclude<TeaserSize, 'compact'>, PictureSpec> = {
  lead: { crop: '16x9', sizes: '(min-width: 75rem) 46rem, (min-width: 64rem) 62vw, 100vw', widths: [...CARD_WIDTHS, 1600] },
  large: { crop: '16x9', sizes: '(min-width: 75rem) 36rem, (min-width: 48rem) 50vw, 100vw', widths: CARD_WIDTHS },
  medium: { crop: '16x9', sizes: '(min-width: 75rem) 23rem, (min-width: 64rem) 30vw, (min-width: 48rem) 45vw, 100vw', widths: CARD_WIDTHS },
  small: { crop: '4x3', sizes: '(min-width: 48rem) 13rem, 7.5rem', widths: [320, 480] },
};

/**
 * The cards of the teasers kept in the memo (frozen, teaser-repository.ts), by their options: such
 * a teaser is shared by every render until it changes, and its card with it. Collected with it.
 */
const keptCards = new OwnedMemo<ArticleTeaser, string>();

/** One article as a card: picture, kicker, headline (the link), lead for larger sizes, byline and date. */
export function renderTeaserCard(t: ArticleTeaser, opts: TeaserCardOptions = {}): string {
  if (!Object.isFrozen(t)) return cardMarkup(t, opts);
  // Every option is part of the key, whatever options are added later (the same options written
  // in another order are only another key).
  return keptCards.get(t, JSON.stringify(opts), () => cardMarkup(t, opts));
}

function cardMarkup(t: ArticleTeaser, opts: TeaserCardOptions): string {
  const size = opts.size ?? 'medium';
  const level = opts.headingLevel ?? 3;
  const showImage = (opts.showImage ?? size !== 'compact') && size !== 'compact' && t.heroImage !== null;
  const media = MEDIA_FORMATS.has(t.format);
  const classes = ['teaser', `teaser--${size}`, `teaser--${t.format}`, showImage ? 'teaser--with-image' : 'teaser--text'].join(' ');

  let picture = '';
  if (showImage && t.heroImage) {
    const spec = PICTURES[size as Exclude<TeaserSize, 'compact'>];
    const img = renderPicture(t.heroImage, {
      sizes: spec.sizes,
      crop: spec.crop,
      widths: spec.widths,
      eager: opts.eager,
      className: 'teaser__image',
    });
    const badge = media ? renderFormatBadge(t.format) : '';
    picture = html`<div class="teaser__media">!${img}!${badge}</div>`;
  }

  const kickerText = t.kicker.trim() || (opts.showSection ? t.sectionName : '');
  const kicker = kickerText ? html`<p class="teaser__kicker">${fr(kickerText)}</p>` : '';
  // Without a picture the badge still says it is a video or a podcast.
  const textBadge = media && !showImage ? renderFormatBadge(t.format) : '';
  const number = opts.number !== undefined ? html`<span class="teaser__number" aria-hidden="true">${String(opts.number)}</span>` : '';
  const heading = renderHeading(level, html`!${number}<a class="teaser__link" href="${articlePath(t)}">${fr(t.headline)}</a>`);
  const showLead = opts.showLead ?? (size === 'lead' || size === 'large');
  const lead = showLead && t.lead.trim() ? html`<p class="teaser__lead">${fr(t.lead)}</p>` : '';
  // A curated pick always names the outlet it summarises.
  const source =
    t.format === 'pepite' && t.sourceOutlet?.trim() ? html`<p class="teaser__source">via <cite>${fr(t.sourceOutlet)}</cite></p>` : '';
  const meta = renderTeaserMeta(t, { withByline: size !== 'compact' });

  return html`<article class="${classes}">!${picture}<div class="teaser__body">!${textBadge}!${kicker}!${heading}!${lead}!${source}!${meta}</div></article>`;
}

/** The byline and date line of a card. */
export function renderTeaserMeta(t: ArticleTeaser, opts: { withByline?: boolean } = {}): string {
  const byline =
    opts.withByline !== false && t.authors.length > 0 ? html`<span class="teaser__byline">Par ${bylineNames(t.authors)}</span>` : '';
  const time = t.publishedAt ? html`<time datetime="${toParisIso(t.publishedAt)}">${formatDateFr(t.publishedAt)}</time>` : '';
  const comments = t.commentCount > 0 ? html`<span class="teaser__comments">${commentCountLabel(t.commentCount)}</span>` : '';
  if (!byline && !time) return '';
  return html`<p class="teaser__meta">!${byline}!${time}!${comments}</p>`;
}

/** "A", "A et B", "A, B et C": names joined the French way. */
export function bylineNames(authors: readonly { name: string }[]): string {
  const names = authors.map((a) => a.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}

/** The "Vidéo" / "Podcast" badge of a media card. */
export function renderFormatBadge(format: ArticleFormat): string {
  return html`<span class="format-badge format-badge--${format}">${FORMAT_LABELS[format]}</span>`;
}

/** A heading of the given level around already-rendered HTML. */
export function renderHeading(level: 2 | 3 | 4, inner: string, className = 'teaser__title'): string {
  return `<h${level} class="${className}">${inner}</h${level}>`;
}
