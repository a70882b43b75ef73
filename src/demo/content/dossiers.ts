import type { DemoDossier } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Dossiers: articles gathered around one theme, in the reading order chosen by the editors. */
export const DOSSIERS: DemoDossier[] = [
  {
    slug: 'morevie-istrane-un-nouvel-axe-aux-portes-de-l-union',
    title: "Morévie-Istrane : un nouvel axe aux portes de l'Union",
    introduction:
      "En signant à Karvala un accord énergétique de douze ans avec l'Istrane, voisin visé par des sanctions européennes, la Morévie, candidate à l'adhésion, a pris Bruxelles de court. Ce dossier rassemble nos articles sur le sommet, ses enjeux géopolitiques et ses suites politiques, ainsi qu'une chronique pour apprendre à lire entre les lignes des communiqués diplomatiques.",
    hero: {
      seed: 'dossier-morevie',
      motif: 'map',
      palette: 'international',
      alt: "Illustration évoquant une carte de l'Europe du Sud-Est avec deux territoires mis en évidence",
      caption: "La Morévie et l'Istrane ont signé un accord énergétique de douze ans.",
    },
    articles: ['sommet-karvala', 'pacte-karvala-analyse', 'depeche-opposition-morevie', 'lundi-communique'],
    when: ago(0, 0, 30),
  },
  {
    slug: 'budget-2027-la-bataille-des-comptes',
    title: 'Budget 2027 : la bataille des comptes',
    introduction:
      "Dernier budget avant l'élection présidentielle, le projet de loi de finances pour 2027 se discute dans une Assemblée sans majorité, sous le regard des marchés et de nos partenaires européens. Votes, procédures, niches fiscales : nos analyses et nos explications pour suivre le débat de bout en bout.",
    hero: {
      seed: 'dossier-budget',
      motif: 'chart',
      palette: 'politique',
      alt: "Illustration d'un graphique en barres devant la silhouette d'un hémicycle",
      caption: 'Le budget 2027 est examiné par une Assemblée sans majorité absolue.',
    },
    articles: [
      'plf-premiere-partie',
      'boite-a-outils-constitutionnelle',
      'niches-fiscales',
      'video-budget-trois-minutes',
      'vu-dailleurs-budget',
    ],
    when: ago(0, 3, 30),
  },
  {
    slug: 'energie-et-climat-l-hiver-de-tous-les-defis',
    title: "Énergie et climat : l'hiver de tous les défis",
    introduction:
      "Réseaux saturés, stockage qui décolle, automnes de plus en plus chauds : l'Europe aborde l'hiver avec des fragilités nouvelles. Nos experts expliquent ce qui se joue, de la physique de l'atmosphère à celle des lignes à haute tension.",
    hero: {
      seed: 'dossier-energie-climat',
      motif: 'waves',
      palette: 'economie',
      alt: 'Illustration de lignes électriques stylisées au-dessus de vagues',
      caption: "L'Europe aborde l'hiver avec des réseaux électriques sous tension.",
    },
    articles: [
      'reseaux-electriques',
      'video-batteries',
      'automnes-chauds',
      'podcast-automnes',
      'vu-dailleurs-hiver',
      'pepite-chaleur-data-centers',
    ],
    when: ago(1, 9, 0),
  },
];
