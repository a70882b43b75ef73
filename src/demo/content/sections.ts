import type { SectionSlug } from '../demo-types.ts';

/** Sections of the demo edition, in display order. */
export const SECTIONS: { slug: SectionSlug; name: string; description: string }[] = [
  {
    slug: 'decryptages',
    name: 'Décryptages',
    description:
      "Des analyses au long cours, souvent signées par des experts extérieurs, pour comprendre ce qui se joue derrière l'actualité.",
  },
  {
    slug: 'pepites',
    name: 'Pépites',
    description: "Chaque jour, une poignée d'articles repérés ailleurs, résumés par la rédaction, avec le nom et le lien de leur source.",
  },
  {
    slug: 'dossiers',
    name: 'Dossiers',
    description: "Nos articles rassemblés autour d'un thème, dans un ordre de lecture choisi par la rédaction.",
  },
  {
    slug: 'rendez-vous',
    name: 'Rendez-vous',
    description: 'Chroniques et séries régulières : les lundis diplomatiques, la revue de presse du vendredi.',
  },
  {
    slug: 'light',
    name: 'Sextant-Light',
    description: "L'actualité plus légère : culture, spectacles, patrimoine et personnalités.",
  },
  {
    slug: 'videos',
    name: 'Vidéos',
    description: "Des formats courts pour comprendre en images un sujet d'actualité.",
  },
  {
    slug: 'podcasts',
    name: 'Podcasts',
    description: "Nos émissions audio : un invité, un sujet, le temps de l'explication.",
  },
  {
    slug: 'international',
    name: 'International',
    description: 'Diplomatie, conflits, élections et grands équilibres du monde.',
  },
  {
    slug: 'politique',
    name: 'Politique',
    description: 'Gouvernement, Parlement, partis et collectivités : la vie politique française.',
  },
  {
    slug: 'economie',
    name: 'Économie',
    description: "Conjoncture, entreprises, emploi, finances publiques et pouvoir d'achat.",
  },
  {
    slug: 'societe',
    name: 'Société',
    description: 'Éducation, santé, justice, logement : les transformations de la société française.',
  },
];
