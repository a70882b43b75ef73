// The process that does the server's image work with sharp (image-worker.ts forks it): variants,
// the header and the normalising of an upload, the demo's illustrations. JavaScript, not
// TypeScript, so that it does not load Node's type stripper. libvips keeps what it allocated while
// decoding and encoding (the web server grew from 120 to 250–280 MB after the demo's first 252
// variants, to 265 MB after loading the demo); here that memory goes back to the system when the
// process ends, after a quiet spell.
import sharp from 'sharp';

/** @typedef {{ left: number, top: number, width: number, height: number }} Region */
/** @typedef {{ failOn: 'error', limitInputPixels: number | false }} DecodeOptions */

/** @param {Uint8Array} bytes */
const buffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const operations = {
  /** @param {{ source: string, target: string, extract: Region | null, width: number, height: number, format: 'avif' | 'webp' | 'jpeg' }} job */
  async encodeVariant(job) {
    let pipeline = sharp(job.source, { failOn: 'error' });
    if (job.extract) pipeline = pipeline.extract(job.extract);
    // 'cover' absorbs the sub-pixel rounding between the region and the target ratio without distortion.
    pipeline = pipeline.resize(job.width, job.height, { fit: 'cover', kernel: 'lanczos3' });
    if (job.format === 'avif') pipeline = pipeline.avif({ quality: 50, effort: 2 });
    else if (job.format === 'webp') pipeline = pipeline.webp({ quality: 72, effort: 4, smartSubsample: true });
    else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true, progressive: true });
    const info = await pipeline.toFile(job.target);
    return { bytes: info.size, width: info.width, height: info.height };
  },

  /** Reads the header only, no pixel decoded. @param {{ input: Uint8Array, decode: DecodeOptions }} job */
  async header(job) {
    const metadata = await sharp(buffer(job.input), job.decode).metadata();
    return {
      format: metadata.format ?? null,
      compression: metadata.compression ?? null,
      width: metadata.width ?? 0,
      height: metadata.height ?? 0,
      hasAlpha: metadata.hasAlpha === true,
    };
  },

  /**
   * The first frame, oriented, in sRGB, without any metadata (sharp writes none unless asked):
   * PNG when it has real transparency, else JPEG quality 92 (4:4:4) on white.
   * @param {{ input: Uint8Array, hasAlpha: boolean, decode: DecodeOptions }} job
   */
  async normalise(job) {
    const input = buffer(job.input);
    // An alpha channel that is fully opaque (common in exported PNGs) does not justify a PNG.
    const keepAlpha = job.hasAlpha && !(await sharp(input, job.decode).stats()).isOpaque;
    const pipeline = sharp(input, { ...job.decode, autoOrient: true }).toColourspace('srgb');
    const { data, info } = keepAlpha
      ? await pipeline.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer({ resolveWithObject: true })
      : await pipeline
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
          .toBuffer({ resolveWithObject: true });
    return { data, format: keepAlpha ? 'png' : 'jpeg', width: info.width, height: info.height };
  },

  /** An SVG drawing as a JPEG on white. @param {{ svg: string }} job */
  async rasterise(job) {
    return { data: await sharp(Buffer.from(job.svg)).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer() };
  },
};

process.on('message', (/** @type {{ id: number, op: keyof typeof operations, job: any }} */ message) => {
  const run = operations[message.op];
  (run ? run(message.job) : Promise.reject(new Error(`opération inconnue : ${message.op}`))).then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (/** @type {unknown} */ error) =>
      process.send?.({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
// The server has gone (or let this process go): nothing is left to do.
process.on('disconnect', () => process.exit(0));
