import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { getImageById } from '../images/image-repository.ts';
import { pregenerateVariants } from '../images/variants.ts';

/** Job kind that encodes an image's responsive variants in the background after upload. */
export const IMAGE_VARIANTS_JOB = 'image-variants';

const payloadSchema = z.object({ imageId: z.int().positive() });

/** Queues the variants of an image (one pending job per image, however often it is asked). */
export async function enqueueImageVariants(db: Db, imageId: number): Promise<void> {
  await enqueueJob(db, { kind: IMAGE_VARIANTS_JOB, payload: { imageId }, uniqueKey: `variants:image:${imageId}` });
}

/**
 * Encodes every width and format pages ask for first, so the first reader of a new article does
 * not wait for AVIF encodes. An image deleted before its turn is simply skipped.
 */
export async function runImageVariantsJob(ctx: Pick<AppContext, 'db' | 'config'>, payload: { imageId: number }): Promise<number> {
  const image = await getImageById(ctx.db, payload.imageId);
  if (!image) return 0;
  const paths = await pregenerateVariants(ctx.config.dataDir, image);
  return paths.length;
}

/** Registers the handler with the job runner (idempotent: registering again replaces it). */
export function registerImageVariantsJob(): void {
  registerJobHandler(IMAGE_VARIANTS_JOB, payloadSchema, async (payload, { ctx }) => {
    await runImageVariantsJob(ctx, payload);
  });
}
