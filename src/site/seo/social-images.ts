import { imageVariant } from '../../images/image-urls.ts';
import type { CropName, ImageRecord } from '../../images/image-types.ts';
import type { SocialImage } from './open-graph.ts';

/** Social cards and structured data want large images: 1200 px gives the 1280 px variant. */
const SOCIAL_WIDTH = 1200;

/** The Open Graph / X card image: 16:9 JPEG (every crawler reads JPEG), absolute URL, exact size. */
export function socialCardImage(publicUrl: string, image: ImageRecord): SocialImage {
  const variant = imageVariant(image, SOCIAL_WIDTH, 'jpeg', '16x9');
  return { url: publicUrl + variant.url, width: variant.width, height: variant.height, alt: image.alt };
}

/** The three crops Google asks for in Article structured data (16:9, 4:3, 1:1), as absolute JPEG URLs. */
export function structuredDataImages(publicUrl: string, image: ImageRecord): string[] {
  const crops: CropName[] = ['16x9', '4x3', '1x1'];
  return crops.map((crop) => publicUrl + imageVariant(image, SOCIAL_WIDTH, 'jpeg', crop).url);
}
