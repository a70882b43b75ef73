import os from 'node:os';
import type { Db } from '../core/db/database.ts';
import { storeImage } from '../images/image-store.ts';
import type { BlockNode, DemoFigure, DocNode } from './body-dsl.ts';
import { ARTICLES, REFERENCE_ARTICLE_KEY } from './content/articles.ts';
import { DOSSIERS } from './content/dossiers.ts';
import { PEOPLE } from './content/people.ts';
import { STUDIO_CREDIT } from './content/publication.ts';
import type { DemoArticle } from './demo-types.ts';
import { generateIllustration, generatePortrait } from './illustrations.ts';

/** One picture the demo needs: how to draw it and what to store beside it. */
interface ImageJob {
  key: string;
  draw: () => Promise<Buffer>;
  alt: string;
  caption: string;
}

// Rasterising ~45 SVG illustrations dominates the seeding time. The reference article gets a
// full 2400 px hero, long reads and dossiers 1600 px, everything else 1200 px: still wide enough
// for Discover's large previews and 1200×630 social cards, and it keeps a first start quick.
const REFERENCE_SIZE = { width: 2400, height: 1600 };
const FEATURE_SIZE = { width: 1600, height: 1067 };
const STANDARD_SIZE = { width: 1200, height: 800 };

/** Key under which an article's hero image is stored. */
export const heroKey = (articleKey: string): string => `hero:${articleKey}`;
/** Key under which a person's portrait is stored. */
export const portraitKey = (personSlug: string): string => `portrait:${personSlug}`;
/** Key under which a dossier's hero image is stored. */
export const dossierKey = (dossierSlug: string): string => `dossier:${dossierSlug}`;
/** Key under which a figure inside a body is stored. */
export const figureKey = (seed: string): string => `figure:${seed}`;

/** The figures an article body asks the seeder to draw. */
export function figuresOf(body: DocNode): DemoFigure[] {
  return body.content.flatMap((node: BlockNode) => (node.type === 'image' && node.demoFigure ? [node.demoFigure] : []));
}

function heroSize(article: DemoArticle): { width: number; height: number } {
  if (article.key === REFERENCE_ARTICLE_KEY) return REFERENCE_SIZE;
  return article.format === 'decryptage' ? FEATURE_SIZE : STANDARD_SIZE;
}

/** Every picture of the demo edition, in a stable order. */
export function demoImageJobs(): ImageJob[] {
  const jobs: ImageJob[] = PEOPLE.map((person) => ({
    key: portraitKey(person.slug),
    draw: () => generatePortrait(person.slug, person.name),
    alt: `Portrait illustré de ${person.name}`,
    caption: `${person.name}, ${person.roleLine.charAt(0).toLowerCase()}${person.roleLine.slice(1)}`,
  }));
  for (const article of ARTICLES) {
    const hero = article.hero;
    if (hero) {
      const size = heroSize(article);
      jobs.push({
        key: heroKey(article.key),
        draw: () => generateIllustration(hero.seed, { ...size, palette: hero.palette, motif: hero.motif }),
        alt: hero.alt,
        caption: hero.caption,
      });
    }
    for (const figure of figuresOf(article.body)) {
      jobs.push({
        key: figureKey(figure.seed),
        draw: () => generateIllustration(figure.seed, { ...FEATURE_SIZE, palette: figure.palette, motif: figure.motif }),
        alt: figure.alt,
        caption: '',
      });
    }
  }
  for (const dossier of DOSSIERS) {
    jobs.push({
      key: dossierKey(dossier.slug),
      draw: () => generateIllustration(dossier.hero.seed, { ...FEATURE_SIZE, palette: dossier.hero.palette, motif: dossier.hero.motif }),
      alt: dossier.hero.alt,
      caption: dossier.hero.caption,
    });
  }
  return jobs;
}

/**
 * Draws and stores every demo picture, a few at a time (sharp is CPU-bound), and returns their
 * ids by key. Storage is content-addressed, so running it again after a failure reuses the rows
 * already written instead of duplicating them.
 */
export async function storeDemoImages(db: Db, dataDir: string): Promise<Map<string, number>> {
  const jobs = demoImageJobs();
  const ids = new Map<string, number>();
  const workers = Math.max(1, Math.min(4, os.availableParallelism()));
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next];
      next += 1;
      const buffer = await job.draw();
      const image = await storeImage(db, dataDir, buffer, { alt: job.alt, caption: job.caption, credit: STUDIO_CREDIT });
      ids.set(job.key, image.id);
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  return ids;
}
