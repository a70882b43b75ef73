import zlib from 'node:zlib';
import sharp from 'sharp';

// Helpers for the image tests: real encoded files made with sharp, and forged headers.

/** A JPEG `width`×`height`, left half red and right half blue, carrying the given EXIF. */
export async function makeJpeg(width: number, height: number, options: { orientation?: number; gps?: boolean } = {}): Promise<Buffer> {
  const half = Math.floor(width / 2);
  const blue = await sharp({ create: { width: width - half, height, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer();
  let pipeline = sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([{ input: blue, left: half, top: 0 }]);
  const exif: Record<string, Record<string, string>> = { IFD0: { Copyright: 'Agence Exemple', Artist: 'Jeanne Photographe' } };
  if (options.gps) exif.IFD3 = { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' };
  pipeline = pipeline.withExif(exif);
  if (options.orientation) pipeline = pipeline.withMetadata({ orientation: options.orientation });
  return pipeline.jpeg({ quality: 90 }).toBuffer();
}

/** A PNG with a transparent half. */
export async function makeTransparentPng(width: number, height: number): Promise<Buffer> {
  const opaque = await sharp({ create: { width: Math.floor(width / 2), height, channels: 4, background: '#00aa00ff' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: opaque, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

/** A few hundred bytes that claim, in a valid PNG header, to be a width×height image. */
export function forgedPngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

/** RGB of one pixel of an encoded image. */
export async function pixelAt(input: Buffer | string, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
}
