import { itemTerms, StoryIndex } from './story-index.ts';

// A labelled set for tuning and measuring story detection: original French items written for
// Kiosque, from fictional outlets, about fictional events. Items with the same `story` report the
// same event; the distractors share themes, places or words with the stories but not the event.
// Used by story-index.test.ts (precision and recall), the two-process test and the desk bench.

/** One labelled item: its outlet, the event it reports, its text and minutes after the first. */
export interface LabelledItem {
  outlet: string;
  story: string;
  headline: string;
  summary: string;
  minutes: number;
}

export const LABELLED_ITEMS: readonly LabelledItem[] = [
  // Story: a bridge closed in a fictional town.
  {
    outlet: 'Le Héraut du Matin',
    story: 'pont-valmorin',
    minutes: 0,
    headline: 'Valmorin : le pont Saint-Aubin fermé après la découverte de fissures',
    summary:
      'La mairie de Valmorin a interdit la circulation sur le pont Saint-Aubin après une inspection qui a relevé des fissures sur deux piles.',
  },
  {
    outlet: 'L’Observateur des Rives',
    story: 'pont-valmorin',
    minutes: 40,
    headline: 'Fissures sur le pont Saint-Aubin : Valmorin coupe la circulation',
    summary:
      'Les inspecteurs ont découvert des fissures sur les piles du pont. La fermeture durera au moins trois semaines, le temps d’une expertise.',
  },
  {
    outlet: 'Info Lumière',
    story: 'pont-valmorin',
    minutes: 95,
    headline: 'À Valmorin, la fermeture du pont Saint-Aubin désorganise les trajets',
    summary: 'Depuis la fermeture du pont pour des fissures, les automobilistes de Valmorin font un détour de douze kilomètres.',
  },
  {
    outlet: 'Le Fil Vert',
    story: 'pont-valmorin',
    minutes: 130,
    headline: 'Pont Saint-Aubin : trois semaines d’expertise avant une éventuelle réouverture',
    summary: 'La ville de Valmorin attend le rapport des ingénieurs sur les fissures des piles avant de décider des travaux.',
  },
  // Story: a national rail strike announced by unions.
  {
    outlet: 'Carrefour Hebdo',
    story: 'greve-rail',
    minutes: 10,
    headline: 'Les syndicats de cheminots appellent à la grève le 14 mars',
    summary:
      'Quatre syndicats du rail ont déposé un préavis de grève pour le 14 mars contre la réforme des horaires de travail des contrôleurs.',
  },
  {
    outlet: 'Le Héraut du Matin',
    story: 'greve-rail',
    minutes: 55,
    headline: 'Grève des cheminots le 14 mars : à quoi s’attendre dans les gares',
    summary:
      'Le préavis déposé par les syndicats du rail contre la réforme des horaires des contrôleurs promet un trafic très perturbé le 14 mars.',
  },
  {
    outlet: 'Info Lumière',
    story: 'greve-rail',
    minutes: 120,
    headline: 'Réforme des horaires des contrôleurs : préavis de grève dans le rail pour le 14 mars',
    summary: 'Les cheminots contestent les nouveaux horaires de travail des contrôleurs et menacent de reconduire le mouvement.',
  },
  // Story: a rare bird seen in a fictional marsh.
  {
    outlet: 'Le Fil Vert',
    story: 'ibis-marais',
    minutes: 0,
    headline: 'Un ibis chauve observé dans le marais de Brénouille, une première en France',
    summary: 'Des ornithologues amateurs ont photographié un ibis chauve, espèce menacée, dans le marais de Brénouille samedi matin.',
  },
  {
    outlet: 'L’Observateur des Rives',
    story: 'ibis-marais',
    minutes: 180,
    headline: 'Marais de Brénouille : l’ibis chauve attire les photographes',
    summary: 'Depuis l’observation de cet oiseau menacé, des dizaines de passionnés se pressent au bord du marais de Brénouille.',
  },
  {
    outlet: 'Carrefour Hebdo',
    story: 'ibis-marais',
    minutes: 240,
    headline: 'L’ibis chauve de Brénouille se serait échappé d’un parc, selon la LPO locale',
    summary:
      'L’oiseau observé dans le marais porterait une bague, signe qu’il viendrait d’un programme de réintroduction ou d’un parc animalier.',
  },
  // Story: a tech company's data breach (fictional).
  {
    outlet: 'Info Lumière',
    story: 'fuite-donnees',
    minutes: 30,
    headline: 'Fuite de données chez Nuvéa : 2 millions de clients concernés',
    summary:
      'L’opérateur en ligne Nuvéa a reconnu qu’un pirate avait copié les noms, adresses et numéros de téléphone de deux millions de clients.',
  },
  {
    outlet: 'Le Héraut du Matin',
    story: 'fuite-donnees',
    minutes: 70,
    headline: 'Nuvéa piraté : les données de deux millions d’abonnés dérobées',
    summary:
      'Noms, adresses et numéros de téléphone : l’opérateur Nuvéa appelle ses clients à la vigilance face aux tentatives d’hameçonnage.',
  },
  {
    outlet: 'Le Fil Vert',
    story: 'fuite-donnees',
    minutes: 150,
    headline: 'Piratage de Nuvéa : la CNIL saisie après la fuite de données',
    summary:
      'La Commission a ouvert une procédure de contrôle après la copie des données personnelles de deux millions de clients de Nuvéa.',
  },
  {
    outlet: 'Carrefour Hebdo',
    story: 'fuite-donnees',
    minutes: 200,
    headline: 'Clients de Nuvéa : comment savoir si vos données ont fuité',
    summary: 'Après le piratage qui touche deux millions d’abonnés, l’opérateur a mis en ligne un formulaire de vérification.',
  },
  // Story: a fictional cycling race stage won by a fictional rider.
  {
    outlet: 'Carrefour Hebdo',
    story: 'etape-cyclisme',
    minutes: 0,
    headline: 'Tour des Monts : Léna Castagnet s’impose au sommet du col de la Bessière',
    summary: 'La Française Léna Castagnet a remporté la quatrième étape en solitaire et prend le maillot de leader du Tour des Monts.',
  },
  {
    outlet: 'Le Héraut du Matin',
    story: 'etape-cyclisme',
    minutes: 25,
    headline: 'Cyclisme : victoire de Castagnet à la Bessière, nouvelle leader du Tour des Monts',
    summary: 'Partie à six kilomètres de l’arrivée, Léna Castagnet a résisté au retour du peloton dans la montée du col de la Bessière.',
  },
  {
    outlet: 'Info Lumière',
    story: 'etape-cyclisme',
    minutes: 60,
    headline: 'Léna Castagnet, reine de la Bessière et maillot jaune du Tour des Monts',
    summary:
      'Quatrième étape du Tour des Monts : l’attaque de Castagnet dans le col de la Bessière lui offre la victoire et la tête du classement.',
  },
  // Story: a fictional museum reopening.
  {
    outlet: 'L’Observateur des Rives',
    story: 'musee-rouvre',
    minutes: 0,
    headline: 'Le musée des Tisserands de Cambrelle rouvre après quatre ans de travaux',
    summary: 'Agrandi et rénové, le musée des Tisserands rouvre ses portes samedi avec une salle consacrée aux métiers à tisser anciens.',
  },
  {
    outlet: 'Le Fil Vert',
    story: 'musee-rouvre',
    minutes: 90,
    headline: 'Cambrelle : réouverture du musée des Tisserands ce samedi',
    summary: 'Après quatre ans de chantier, le musée des Tisserands de Cambrelle présente ses métiers à tisser dans une nouvelle aile.',
  },
  {
    outlet: 'Carrefour Hebdo',
    story: 'musee-rouvre',
    minutes: 170,
    headline: 'Quatre ans de travaux plus tard, le musée des Tisserands accueille de nouveau le public',
    summary: 'Le musée de Cambrelle rouvre avec une aile neuve et une collection de métiers à tisser restaurés.',
  },
  // Story: a fictional storm warning.
  {
    outlet: 'Info Lumière',
    story: 'tempete-orane',
    minutes: 0,
    headline: 'Tempête Orane : vigilance orange pour les vents sur six départements',
    summary:
      'Des rafales jusqu’à 130 km/h sont attendues dans la nuit de mardi à mercredi sur la façade atlantique avec le passage de la tempête Orane.',
  },
  {
    outlet: 'Le Héraut du Matin',
    story: 'tempete-orane',
    minutes: 45,
    headline: 'La tempête Orane arrive sur l’Atlantique : rafales à 130 km/h attendues',
    summary: 'Six départements placés en vigilance orange vents. Les autorités recommandent de limiter les déplacements mardi soir.',
  },
  {
    outlet: 'L’Observateur des Rives',
    story: 'tempete-orane',
    minutes: 110,
    headline: 'Orane : écoles fermées mercredi dans les départements en vigilance orange',
    summary: 'Avec des rafales annoncées à 130 km/h lors du passage de la tempête Orane, les préfectures ferment les écoles mercredi.',
  },
  {
    outlet: 'Le Fil Vert',
    story: 'tempete-orane',
    minutes: 160,
    headline: 'Tempête Orane : 40 000 foyers privés d’électricité sur la côte atlantique',
    summary:
      'Les rafales de la tempête Orane ont abattu des arbres sur les lignes ; les équipes de réparation sont mobilisées dans six départements.',
  },
  // Story: a fictional parliamentary vote on a housing law.
  {
    outlet: 'Carrefour Hebdo',
    story: 'loi-logement',
    minutes: 0,
    headline: 'Logement : l’Assemblée adopte l’encadrement des locations saisonnières',
    summary:
      'Les députés ont voté en première lecture le texte qui limite à 90 jours par an la location saisonnière des résidences principales.',
  },
  {
    outlet: 'Info Lumière',
    story: 'loi-logement',
    minutes: 50,
    headline: 'Locations saisonnières limitées à 90 jours : les députés votent le texte',
    summary: 'Adopté en première lecture à l’Assemblée, le projet encadre la location saisonnière pour libérer des logements à l’année.',
  },
  {
    outlet: 'Le Héraut du Matin',
    story: 'loi-logement',
    minutes: 140,
    headline: 'Encadrement des locations saisonnières : ce que change le texte voté à l’Assemblée',
    summary: 'Plafond de 90 jours pour les résidences principales, enregistrement obligatoire : les points clés du texte sur le logement.',
  },
  // Distractors: same themes, other events.
  {
    outlet: 'Le Héraut du Matin',
    story: 'd-pont-autre',
    minutes: 20,
    headline: 'Un nouveau pont piéton inauguré sur la Sarve à Lormes',
    summary: 'La passerelle de 80 mètres relie désormais les deux rives du centre-ville de Lormes.',
  },
  {
    outlet: 'Info Lumière',
    story: 'd-greve-profs',
    minutes: 35,
    headline: 'Grève dans l’éducation : les enseignants mobilisés contre la réforme du collège',
    summary: 'Les syndicats enseignants appellent à cesser le travail jeudi pour protester contre les nouveaux programmes.',
  },
  {
    outlet: 'Le Fil Vert',
    story: 'd-oiseaux',
    minutes: 45,
    headline: 'Le comptage national des oiseaux des jardins revient ce week-end',
    summary: 'Les volontaires sont invités à compter pendant une heure les oiseaux qui se posent dans leur jardin.',
  },
  {
    outlet: 'Carrefour Hebdo',
    story: 'd-cyber',
    minutes: 60,
    headline: 'Cybersécurité : les PME de plus en plus visées par les rançongiciels',
    summary: 'Un rapport annuel note une hausse des attaques contre les petites entreprises, souvent mal protégées.',
  },
  {
    outlet: 'L’Observateur des Rives',
    story: 'd-cyclisme',
    minutes: 75,
    headline: 'Cyclisme : Léna Castagnet prolonge son contrat de deux saisons',
    summary: 'La coureuse a signé une prolongation avec son équipe, qui l’engagera sur les grands tours l’an prochain.',
  },
  {
    outlet: 'Le Héraut du Matin',
    story: 'd-musee',
    minutes: 85,
    headline: 'La Nuit des musées attire un public record en région',
    summary: 'Plus de 300 établissements ont ouvert leurs portes gratuitement samedi soir, avec des visites à la lampe torche.',
  },
  {
    outlet: 'Info Lumière',
    story: 'd-meteo',
    minutes: 100,
    headline: 'Météo : un week-end doux et ensoleillé sur la moitié sud',
    summary: 'Les températures dépasseront les normales de saison de quatre degrés, avant une dégradation en début de semaine.',
  },
  {
    outlet: 'Carrefour Hebdo',
    story: 'd-logement',
    minutes: 115,
    headline: 'Prix de l’immobilier : les loyers repartent à la hausse dans les grandes villes',
    summary: 'Selon un observatoire des loyers, la hausse atteint 3 % sur un an, portée par le manque de logements disponibles.',
  },
  {
    outlet: 'Le Fil Vert',
    story: 'd-rail',
    minutes: 125,
    headline: 'Une nouvelle ligne de train de nuit entre Lormes et la côte dès l’été',
    summary: 'La région finance la remise en service d’un train de nuit trois fois par semaine.',
  },
  {
    outlet: 'L’Observateur des Rives',
    story: 'd-valmorin',
    minutes: 135,
    headline: 'Valmorin : le marché de Noël s’installera sur la place du Château',
    summary: 'Soixante chalets sont attendus du 1er au 24 décembre, avec une patinoire pour les enfants.',
  },
  {
    outlet: 'Info Lumière',
    story: 'd-tempete-ancienne',
    minutes: 145,
    headline: 'Un an après la tempête de l’hiver dernier, les forêts de la côte peinent à se relever',
    summary: 'Les forestiers estiment qu’il faudra dix ans pour replanter les parcelles détruites par les vents.',
  },
  {
    outlet: 'Carrefour Hebdo',
    story: 'd-assemblee',
    minutes: 155,
    headline: 'L’Assemblée rejette une motion sur le budget de la santé',
    summary: 'La motion déposée par l’opposition n’a pas recueilli la majorité lors du vote de mardi soir.',
  },
];

/** Pairwise precision and recall of a grouping: of the pairs put together, how many tell one event, and the reverse. */
export function pairwiseQuality(items: Iterable<{ truth: string | number; predicted: string | number }>): {
  precision: number;
  recall: number;
} {
  // Counted by group sizes (n(n-1)/2 pairs in each), so twenty thousand items cost no more than reading them.
  const truth = new Map<string | number, number>();
  const predicted = new Map<string | number, number>();
  const both = new Map<string, number>();
  for (const item of items) {
    truth.set(item.truth, (truth.get(item.truth) ?? 0) + 1);
    predicted.set(item.predicted, (predicted.get(item.predicted) ?? 0) + 1);
    const cell = `${item.truth}\u0000${item.predicted}`;
    both.set(cell, (both.get(cell) ?? 0) + 1);
  }
  const pairs = (counts: Map<unknown, number>) => [...counts.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  const [truePairs, predictedPairs, agreed] = [pairs(truth), pairs(predicted), pairs(both)];
  return { precision: predictedPairs ? agreed / predictedPairs : 1, recall: truePairs ? agreed / truePairs : 1 };
}

/**
 * Runs the labelled set through an index in time order (a fresh one, or one already holding other
 * items, whose ids must be below `firstId`); returns pairwise precision and recall among the
 * labelled items, and how many of them joined a story of the other items (a false join).
 */
export function labelledSetQuality(options: { threshold?: number; index?: StoryIndex; base?: number; firstId?: number } = {}): {
  precision: number;
  recall: number;
  joinedOthers: number;
} {
  const index = options.index ?? new StoryIndex({ threshold: options.threshold });
  const base = options.base ?? Date.parse('2026-12-01T06:00:00Z');
  const firstId = options.firstId ?? 1;
  const items = LABELLED_ITEMS.map((item, i) => ({ ...item, id: firstId + i })).sort((a, b) => a.minutes - b.minutes);
  const predicted = new Map<number, number>();
  for (const item of items) {
    const terms = itemTerms(item.headline, item.summary);
    const time = base + item.minutes * 60_000;
    const story = index.match(terms, time)?.story ?? item.id;
    predicted.set(item.id, story);
    index.add(item.id, story, terms, time);
  }
  const quality = pairwiseQuality(items.map((item) => ({ truth: item.story, predicted: predicted.get(item.id)! })));
  return { ...quality, joinedOthers: [...predicted.values()].filter((story) => story < firstId).length };
}
