/** Identity of the demo publication: a fictional French online-only news magazine. */
export const PUBLICATION_NAME = 'Le Sextant';

export const PUBLICATION_TAGLINE = "Faire le point sur l'actualité, chaque jour";

/** Credit of every picture the demo generates. */
export const STUDIO_CREDIT = 'Illustration : Le Sextant / Studio graphique';

export const COMMENTS_NOTICE =
  "Face à la multiplication des messages injurieux et des attaques personnelles, la rédaction a décidé de suspendre les commentaires sur l'ensemble du Sextant. Nous travaillons à un espace de discussion mieux modéré ; d'ici là, vous pouvez nous écrire à courrier@le-sextant.example.";

/** Navigation, in order: the about page, the newsletter, then the sections. */
export const NAV_ITEMS: { label: string; kind: 'section' | 'page'; target: string }[] = [
  { label: "Le Sextant, c'est qui, c'est quoi ?", kind: 'page', target: 'a-propos' },
  { label: 'Newsletter', kind: 'page', target: 'newsletter' },
  { label: 'Décryptages', kind: 'section', target: 'decryptages' },
  { label: 'Pépites', kind: 'section', target: 'pepites' },
  { label: 'Dossiers', kind: 'section', target: 'dossiers' },
  { label: 'Rendez-vous', kind: 'section', target: 'rendez-vous' },
  { label: 'Sextant-Light', kind: 'section', target: 'light' },
  { label: 'Vidéos', kind: 'section', target: 'videos' },
  { label: 'Podcasts', kind: 'section', target: 'podcasts' },
  { label: 'International', kind: 'section', target: 'international' },
];
