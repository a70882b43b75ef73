import { BoundedMemo } from '../core/cache/bounded-memo.ts';
import { html } from '../core/html/html.ts';
import { frenchTypography } from '../core/text/typography.ts';
import { availableWidths, variantSize } from './crop-geometry.ts';
import type { CropName, ImageRecord, VariantFormat } from './image-types.ts';
import { FORMAT_MIME, VARIANT_WIDTHS } from './image-types.ts';
import { variantUrl } from './image-urls.ts';
import { variantHash } from './variant-key.ts';

/** Options of a responsive picture. */
export interface PictureOptions {
  /** The `sizes` attribute: how wide the image is laid out, e.g. "(min-width: 60rem) 60rem, 100vw". */
  sizes: string;
  crop?: CropName;
  /** For the LCP image (hero): loads at once with high priority instead of lazily. */
  eager?: boolean;
  /** Class on the `<img>` (where object-fit and sizing rules apply). */
  className?: string;
  /** Candidate widths; defaults to every standard variant width. */
  widths?: number[];
}

// No-break space before the colon (French typography). ghtml reads raw template text, so escapes
// such as \u00a0 must live in an interpolated string, not in the template itself.
const CREDIT_LABEL = 'Crédit photo\u00a0: ';

// The fallback <img src> for browsers without srcset support: a mid-sized variant.
const FALLBACK_WIDTH = 960;

/**
 * A picture's markup is the same on every page showing it with the same options: kept for the
 * pictures most recently shown (a few hundred: the teasers of the pages being read). The key
 * names every field the markup reads, so an edited image (new crop, alt text) is a new key.
 */
const pictures = new BoundedMemo<string>(512);

/** A `<picture>` with AVIF and WebP sources and a JPEG `<img>`, sized to prevent layout shift. */
export function renderPicture(image: ImageRecord, opts: PictureOptions): string {
  const key = `${image.id}\u0000${image.file_key}\u0000${image.focal_x}\u0000${image.focal_y}\u0000${image.width}\u0000${image.height}\u0000${image.alt}\u0000${opts.sizes}\u0000${opts.crop ?? ''}\u0000${opts.eager === true}\u0000${opts.className ?? ''}\u0000${opts.widths?.join(',') ?? ''}`;
  return pictures.get(key, () => pictureMarkup(image, opts));
}

function pictureMarkup(image: ImageRecord, opts: PictureOptions): string {
  const crop = opts.crop ?? 'free';
  // Only standard widths are served (see the route), so custom lists are intersected with them.
  const requested = opts.widths ? VARIANT_WIDTHS.filter((w) => opts.widths?.includes(w)) : VARIANT_WIDTHS;
  let widths = availableWidths(image, crop, requested.length > 0 ? requested : VARIANT_WIDTHS);
  if (widths.length === 0) widths = availableWidths(image, crop);
  const largest = widths[widths.length - 1] ?? 1;
  // width/height give the browser the aspect ratio before any byte arrives: no layout shift.
  const size = variantSize(image, largest, crop);
  const fallback = widths.find((w) => w >= FALLBACK_WIDTH) ?? largest;
  const hash = variantHash(image);
  const url = (w: number, format: VariantFormat) => variantUrl(image.id, hash, crop, w, format);
  const srcset = (format: VariantFormat) => widths.map((w) => `${url(w, format)} ${w}w`).join(', ');
  const loading = opts.eager ? 'eager' : 'lazy';
  const priority = opts.eager ? html` fetchpriority="high"` : '';
  const className = opts.className ? html` class="${opts.className}"` : '';
  return html`<picture><source type="${FORMAT_MIME.avif}" srcset="${srcset('avif')}" sizes="${opts.sizes}"><source type="${FORMAT_MIME.webp}" srcset="${srcset('webp')}" sizes="${opts.sizes}"><img src="${url(fallback, 'jpeg')}" srcset="${srcset('jpeg')}" sizes="${opts.sizes}" width="${size.width}" height="${size.height}" alt="${image.alt}" loading="${loading}" decoding="async"!${priority}!${className}></picture>`;
}

/** A `<figure>` with the picture, its caption and its credit (the credit is always shown). */
export function renderFigure(image: ImageRecord, opts: PictureOptions & { caption?: string }): string {
  const caption = (opts.caption ?? image.caption).trim();
  const captionHtml = caption ? html`<span class="figure__caption">${frenchTypography(caption)}</span> ` : '';
  return html`<figure class="figure">!${renderPicture(image, opts)}<figcaption>!${captionHtml}<span class="figure__credit">${CREDIT_LABEL}${frenchTypography(image.credit)}</span></figcaption></figure>`;
}
