import { z } from 'zod';

/**
 * What an edition gathers from the site when it is composed: the day's lead and top stories of
 * la une, the latest Pépites (with their sources), new videos and podcasts. Stored as JSON on the
 * newsletter; every part may be left out.
 */
export const recipeSchema = z.object({
  lead: z.boolean().default(true),
  topStories: z.number().int().min(0).max(10).default(4),
  pepites: z.number().int().min(0).max(10).default(3),
  videos: z.number().int().min(0).max(5).default(1),
  podcasts: z.number().int().min(0).max(5).default(1),
});

export type Recipe = z.infer<typeof recipeSchema>;

/** The recipe stored on a newsletter (a broken one falls back to the defaults). */
export function parseRecipe(json: string): Recipe {
  try {
    return recipeSchema.parse(JSON.parse(json));
  } catch {
    return recipeSchema.parse({});
  }
}
