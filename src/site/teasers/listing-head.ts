import type { AppContext } from '../../core/app-context.ts';
import type { CropName, ImageRecord } from '../../images/image-types.ts';
import { imageVariant } from '../../images/image-urls.ts';
import type { SiteChrome } from '../../publication/publication-repository.ts';
import type { PageHead } from '../layout.ts';
import { breadcrumbJsonLd, type Crumb } from '../seo/breadcrumb-json-ld.ts';
import { metaDescription } from '../seo/description.ts';
import { jsonLdScript } from '../seo/json-ld.ts';
import { renderOpenGraph, type SocialImage } from '../seo/open-graph.ts';
import { paginationHeadLinks } from './pagination.ts';

export type { Crumb } from '../seo/breadcrumb-json-ld.ts';

/** Width of the pictures given to social networks (1200 px wide is what they recommend). */
const SOCIAL_WIDTH = 1200;

export interface ListingHeadInput {
  /** Page name before the publication name in <title>, e.g. "International". */
  title: string;
  description: string;
  /** Path of page 1 of the listing. */
  basePath: string;
  page?: number;
  pageCount?: number;
  /** Trail after "Accueil", ending with this page. */
  breadcrumb: Crumb[];
  /** Further JSON-LD objects (ProfilePage, CollectionPage…). */
  jsonLd?: object[];
  /** Picture for social cards (og:image) and the crop that suits it. */
  image?: { image: ImageRecord; crop: CropName };
  /** More pre-rendered head markup, e.g. the part's feed links. */
  extraHead?: string;
  /** Open Graph type; "website" for listings. */
  ogType?: 'website' | 'profile';
}

/** The trail with the home page in front, as the breadcrumb helpers want it. */
export function withHome(crumbs: readonly Crumb[]): Crumb[] {
  return [{ name: 'Accueil', path: '/' }, ...crumbs];
}

/** An absolute social-card picture in the given crop. */
export function socialImage(publicUrl: string, image: ImageRecord, crop: CropName): SocialImage {
  const variant = imageVariant(image, SOCIAL_WIDTH, 'jpeg', crop);
  return { url: publicUrl + variant.url, width: variant.width, height: variant.height, alt: image.alt };
}

/** The <head> of a listing page: title with page number, canonical, Open Graph, BreadcrumbList, rel prev/next. */
export function listingHead(ctx: AppContext, chrome: SiteChrome, input: ListingHeadInput): PageHead {
  const page = input.page ?? 1;
  const pageCount = input.pageCount ?? 1;
  const canonicalPath = page > 1 ? `${input.basePath}?page=${page}` : input.basePath;
  const name = chrome.settings.name;
  const title = page > 1 ? `${input.title}, page ${page} | ${name}` : `${input.title} | ${name}`;
  const base = ctx.config.publicUrl;
  const description = metaDescription(input.description);
  const extraHead = [
    renderOpenGraph({
      type: input.ogType ?? 'website',
      title: input.title,
      description,
      url: base + canonicalPath,
      siteName: name,
      image: input.image ? socialImage(base, input.image.image, input.image.crop) : null,
    }),
    jsonLdScript(breadcrumbJsonLd(base, withHome(input.breadcrumb))),
    ...(input.jsonLd ?? []).map(jsonLdScript),
    paginationHeadLinks(base, input.basePath, page, pageCount),
    input.extraHead ?? '',
  ].join('');
  return { title, description, canonicalPath, extraHead };
}
