/** Thumbnails and metadata of the images the editor has seen (from the page, then from the picker). */

export interface ImageInfo {
  id: number;
  url: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
}

const images = new Map<number, ImageInfo>();

/** Records images (the page's data-images, or picker results). */
export function rememberImages(list: Iterable<ImageInfo>): void {
  for (const image of list) images.set(image.id, image);
}

/** What is known of an image, if anything. */
export function imageInfo(id: number): ImageInfo | undefined {
  return images.get(id);
}
