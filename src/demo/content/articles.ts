import type { DemoArticle } from '../demo-types.ts';
import { CHRONIQUES } from './articles-chroniques.ts';
import { DECRYPTAGES_PART_1 } from './articles-decryptages-1.ts';
import { DECRYPTAGES_PART_2 } from './articles-decryptages-2.ts';
import { DECRYPTAGES_PART_3 } from './articles-decryptages-3.ts';
import { DEPECHES } from './articles-depeches.ts';
import { ECONOMIE_ARTICLES } from './articles-economie.ts';
import { INTERNATIONAL_ARTICLES } from './articles-international.ts';
import { LIGHT_ARTICLES } from './articles-light.ts';
import { MEDIA_ARTICLES } from './articles-media.ts';
import { PEPITES } from './articles-pepites.ts';
import { POLITIQUE_ARTICLES } from './articles-politique.ts';
import { SOCIETE_ARTICLES } from './articles-societe.ts';
import { WORKFLOW_ARTICLES } from './articles-workflow.ts';

/** Every article of the demo edition, public or not. */
export const ARTICLES: DemoArticle[] = [
  ...INTERNATIONAL_ARTICLES,
  ...POLITIQUE_ARTICLES,
  ...ECONOMIE_ARTICLES,
  ...SOCIETE_ARTICLES,
  ...DECRYPTAGES_PART_1,
  ...DECRYPTAGES_PART_2,
  ...DECRYPTAGES_PART_3,
  ...PEPITES,
  ...DEPECHES,
  ...LIGHT_ARTICLES,
  ...MEDIA_ARTICLES,
  ...CHRONIQUES,
  ...WORKFLOW_ARTICLES,
];

/** The reference article: every part of an article page, and the lead story of the home page. */
export const REFERENCE_ARTICLE_KEY = 'sommet-karvala';
