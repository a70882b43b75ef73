// The process that encodes image variants (variant-encoder.ts forks it). JavaScript, not TypeScript,
// so that it does not load Node's type stripper. libvips keeps what it allocated while decoding and
// encoding (the web server grew from 120 to 250–280 MB after the first 252 variants of the demo);
// here that memory goes back to the system when the process ends, after a quiet spell.
import sharp from 'sharp';

/**
 * @typedef {{ id: number, source: string, target: string, extract: { left: number, top: number, width: number, height: number } | null,
 *   width: number, height: number, format: 'avif' | 'webp' | 'jpeg' }} EncodeJob
 */

/** @param {EncodeJob} job */
async function encode(job) {
  let pipeline = sharp(job.source, { failOn: 'error' });
  if (job.extract) pipeline = pipeline.extract(job.extract);
  // 'cover' absorbs the sub-pixel rounding between the region and the target ratio without distortion.
  pipeline = pipeline.resize(job.width, job.height, { fit: 'cover', kernel: 'lanczos3' });
  if (job.format === 'avif') pipeline = pipeline.avif({ quality: 50, effort: 2 });
  else if (job.format === 'webp') pipeline = pipeline.webp({ quality: 72, effort: 4, smartSubsample: true });
  else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true, progressive: true });
  const info = await pipeline.toFile(job.target);
  return { bytes: info.size, width: info.width, height: info.height };
}

process.on('message', (/** @type {EncodeJob} */ job) => {
  encode(job).then(
    (info) => process.send?.({ id: job.id, ok: true, ...info }),
    (/** @type {unknown} */ error) =>
      process.send?.({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
// The server has gone (or let this process go): nothing is left to encode for.
process.on('disconnect', () => process.exit(0));
