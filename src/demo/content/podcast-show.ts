/**
 * The demo's podcast show, "À bonne distance", and the podcast fields of its two episodes (the
 * articles podcast-automnes and podcast-franc-1926 of articles-media.ts). Original text.
 */
export const DEMO_SHOW = {
  slug: 'a-bonne-distance',
  title: 'À bonne distance',
  description:
    'Le podcast du Sextant pour prendre du recul sur l’actualité. Chaque semaine, Hugo Marchetti reçoit une chercheuse ou un chercheur et prend une demi-heure pour démêler une question que l’actualité traite trop vite : le climat qui change, la monnaie qui vacille, les institutions qui grincent.',
  category: 'News',
  subcategory: 'News Commentary',
  authorName: 'Le Sextant',
  ownerName: 'Rédaction du Sextant',
  ownerEmail: 'podcasts@le-sextant.example',
  coverAlt: 'Un micro de studio stylisé sur fond de carte, emblème du podcast « À bonne distance »',
} as const;

/** The episodes, by demo article key: numbers and chapters (times as typed in the back office). */
export const DEMO_EPISODES = [
  {
    articleKey: 'podcast-franc-1926',
    season: 1,
    episode: 1,
    chapters:
      "0:00 La France de 1926, une dette de guerre écrasante\n7:15 Le Cartel des gauches et le « mur d'argent »\n15:40 Juillet 1926 : l'union nationale et le retour de Poincaré\n24:05 1928, le franc Poincaré : le choix du réalisme\n31:30 Ce que 1926 nous dit de 2026",
    transcript:
      "WEBVTT\n\n00:00:00.000 --> 00:00:09.000\nBonjour et bienvenue dans À bonne distance, le podcast du Sextant.\n\n00:00:09.000 --> 00:00:21.000\nAujourd'hui, nous remontons un siècle en arrière, à l'été 1926, quand le franc perdait de sa valeur jour après jour.\n\n00:00:21.000 --> 00:00:33.000\nMon invitée, l'historienne Mathilde Arnaud-Pélissier, a passé des années dans les archives de la Banque de France.\n",
  },
  {
    articleKey: 'podcast-automnes',
    season: 1,
    episode: 2,
    chapters:
      '0:00 Un automne « anormal » : de quoi parle-t-on ?\n4:30 Pourquoi la France se réchauffe plus vite que le reste du monde\n12:10 Épisodes méditerranéens : ce que dit la physique\n19:45 Tempêtes, courant-jet : les zones d’incertitude\n26:20 Se préparer sans attendre la certitude',
    transcript:
      'WEBVTT\n\n00:00:00.000 --> 00:00:08.000\nBonjour à toutes et à tous, et bienvenue dans À bonne distance.\n\n00:00:08.000 --> 00:00:19.000\nLes automnes se suivent et se ressemblent : trop doux, parfois trop pluvieux. Est-ce le climat qui change, ou notre mémoire qui flanche ?\n\n00:00:19.000 --> 00:00:30.000\nPour en parler, je reçois le climatologue Yann Quéméner, qui travaille sur les projections régionales pour la France.\n',
  },
] as const;

/** Length of the demo recordings (silent placeholders): long enough for every chapter above. */
export const DEMO_EPISODE_SECONDS = 33 * 60;
