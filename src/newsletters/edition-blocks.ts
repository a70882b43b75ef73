import { z } from 'zod';

/** Where an article block came from in the recipe (its heading in the message). */
export const ARTICLE_ROLES = ['lead', 'story', 'pepite', 'video', 'podcast'] as const;

/** One block of an edition: an article of the site, or a free text written by the editor. */
export const blockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('article'), articleId: z.number().int().min(1).max(2_147_483_647), role: z.enum(ARTICLE_ROLES) }),
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(4000) }),
]);

export const blocksSchema = z.array(blockSchema).max(60);

export type EditionBlock = z.infer<typeof blockSchema>;

/** The blocks stored on an edition (a broken list reads as empty rather than failing a send). */
export function parseBlocks(json: string): EditionBlock[] {
  const parsed = blocksSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}
