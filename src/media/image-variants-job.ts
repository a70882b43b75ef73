import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { getImageById } from '../images/image-repository.ts';
import { pregenerateVariants } from '../images/variants.ts';

/** Job kind that encodes an image's responsive variants in the background after upload. */
export const IMAGE_VARIANTS_JOB = 'image-variants';

/**
 * How long one run of the job encodes before handing over: a 40-megapixel upload takes minutes
 * of encodes on a small machine, and a scheduled publication must not wait behind them (nor the
 * job outlive its lease). The job queues itself again for the rest.
 */
export const VARIANTS_BATCH_MS = 20_000;

const payloadSchema = z.object({ imageId: z.int().positive() });

const uniqueKey = (imageId: number) => `variants:image:${imageId}`;

/** Queues the variants of an image (one pending job per image, however often it is asked). */
export async function enqueueImageVariants(db: Db, imageId: number): Promise<void> {
  await enqueueJob(db, { kind: IMAGE_VARIANTS_JOB, payload: { imageId }, uniqueKey: uniqueKey(imageId) });
}

/**
 * True while the image's variants are still queued or being encoded: the /media route then serves
 * the original rather than making the reader wait for an encode.
 */
export async function imageVariantsPending(db: Db, imageId: number): Promise<boolean> {
  const job = await db
    .selectFrom('jobs')
    .select('id')
    .where('unique_key', '=', uniqueKey(imageId))
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirst();
  return job !== undefined;
}

/**
 * Encodes every width and format pages ask for first, so the first reader of a new article does
 * not wait for AVIF encodes; says how many variants this run went through and whether they are
 * all there. An image deleted before its turn is simply skipped. Past `budgetMs`, the rest is
 * queued as the same job again.
 */
export async function runImageVariantsJob(
  ctx: Pick<AppContext, 'db' | 'config'>,
  payload: { imageId: number },
  budgetMs = VARIANTS_BATCH_MS,
): Promise<{ ready: number; complete: boolean }> {
  const image = await getImageById(ctx.db, payload.imageId);
  if (!image) return { ready: 0, complete: true };
  const { paths, complete } = await pregenerateVariants(ctx.config.dataDir, image, { deadline: Date.now() + budgetMs });
  // Same unique key: the running claim is replaced by a pending one, which the runner picks up
  // after any job that was due before it (finishJob leaves a re-queued job alone).
  if (!complete) await enqueueImageVariants(ctx.db, image.id);
  return { ready: paths.length, complete };
}

/** Registers the handler with the job runner (idempotent: registering again replaces it). */
export function registerImageVariantsJob(): void {
  registerJobHandler(IMAGE_VARIANTS_JOB, payloadSchema, async (payload, { ctx }) => {
    await runImageVariantsJob(ctx, payload);
  });
}
