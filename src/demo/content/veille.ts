import type { IllustrationMotif } from '../illustrations.ts';

/**
 * The curation desk and the wire of the demo: outlets the desk watches and what they published in
 * the last hours (two stories told by several outlets, a few single items), and the dépêches the
 * fictional agency dropped in its folder with their photos (drawn by the demo's illustrator). Every outlet, place and person is invented; the outlets
 * live under the reserved .example domain, so nothing is ever fetched from them.
 */

export interface DemoOutlet {
  key: string;
  name: string;
  siteUrl: string;
  language: string;
  country: string;
  quoteAllowed: boolean;
}

export interface DemoDeskItem {
  outlet: string;
  url: string;
  headline: string;
  summary: string;
  /** Minutes before the demo's now. */
  minutesAgo: number;
}

export const DEMO_OUTLETS: DemoOutlet[] = [
  {
    key: 'gazette',
    name: 'La Gazette européenne',
    siteUrl: 'https://www.gazette-europeenne.example/',
    language: 'fr',
    country: 'BE',
    quoteAllowed: false,
  },
  {
    key: 'courrier',
    name: 'Le Courrier de l’Ouest-Atlantique',
    siteUrl: 'https://www.courrier-ouest-atlantique.example/',
    language: 'fr',
    country: 'FR',
    quoteAllowed: false,
  },
  {
    key: 'radio',
    name: 'Radio Cap Info',
    siteUrl: 'https://www.radio-cap-info.example/',
    language: 'fr',
    country: 'FR',
    quoteAllowed: false,
  },
  {
    key: 'echo',
    name: 'L’Écho des Vallées',
    siteUrl: 'https://www.echo-des-vallees.example/',
    language: 'fr',
    country: 'CH',
    quoteAllowed: true,
  },
  {
    key: 'sciences',
    name: 'Le Quotidien des sciences',
    siteUrl: 'https://www.quotidien-des-sciences.example/',
    language: 'fr',
    country: 'FR',
    quoteAllowed: false,
  },
];

/**
 * Two stories across outlets (the fishing quotas, already the subject of a demo pépite whose
 * source is the Gazette's item; the landslide at the col de la Sérenne, not treated yet) and
 * single items.
 */
export const DEMO_DESK_ITEMS: DemoDeskItem[] = [
  {
    outlet: 'gazette',
    url: 'https://www.gazette-europeenne.example/peche/quotas-atlantique-negociations',
    headline: 'Quotas de pêche : dans les coulisses du grand marchandage atlantique',
    summary:
      'À Bruxelles, les ministres de la pêche négocient les quotas de l’Atlantique pour l’an prochain. Les scientifiques demandent une baisse des prises de merlu, les pêcheurs redoutent une saison blanche.',
    minutesAgo: 300,
  },
  {
    outlet: 'courrier',
    url: 'https://www.courrier-ouest-atlantique.example/mer/quotas-merlu-pecheurs-inquiets',
    headline: 'Quotas de pêche : les pêcheurs de l’Atlantique suspendus aux négociations de Bruxelles',
    summary:
      'Dans les ports de la côte, les patrons pêcheurs attendent la décision des ministres européens sur les quotas de merlu et de sole. Une baisse des prises menacerait plusieurs armements.',
    minutesAgo: 240,
  },
  {
    outlet: 'radio',
    url: 'https://www.radio-cap-info.example/info/bruxelles-quotas-peche-nuit-de-negociations',
    headline: 'Nuit de négociations à Bruxelles sur les quotas de pêche en Atlantique',
    summary:
      'Les ministres européens de la pêche poursuivent à Bruxelles leurs négociations sur les quotas de l’Atlantique. Le merlu et la sole concentrent les désaccords entre scientifiques et pêcheurs.',
    minutesAgo: 95,
  },
  {
    outlet: 'echo',
    url: 'https://www.echo-des-vallees.example/region/col-de-la-serenne-glissement-de-terrain',
    headline: 'Un glissement de terrain coupe la route du col de la Sérenne',
    summary:
      'Après trois jours de pluie, un pan de montagne a glissé sur la route du col de la Sérenne. Aucun blessé, mais la route restera fermée plusieurs semaines et les villages de la vallée sont desservis par une déviation.',
    minutesAgo: 130,
  },
  {
    outlet: 'radio',
    url: 'https://www.radio-cap-info.example/info/serenne-route-fermee-glissement',
    headline: 'Col de la Sérenne : la route fermée pour plusieurs semaines après un glissement de terrain',
    summary:
      'Le glissement de terrain survenu sur la route du col de la Sérenne n’a fait aucun blessé. Les géologues inspectent la pente ; une déviation par la vallée voisine allonge les trajets des habitants.',
    minutesAgo: 70,
  },
  {
    outlet: 'gazette',
    url: 'https://www.gazette-europeenne.example/regions/serenne-glissement-deviation',
    headline: 'Glissement de terrain au col de la Sérenne : les villages de la vallée s’organisent',
    summary:
      'Coupés de la route du col de la Sérenne par un glissement de terrain, les villages de la vallée organisent une déviation et des navettes. Les géologues craignent de nouveaux mouvements de la pente après les pluies.',
    minutesAgo: 35,
  },
  {
    outlet: 'sciences',
    url: 'https://www.quotidien-des-sciences.example/astronomie/comete-visible-decembre',
    headline: 'Une comète pourrait être visible à l’œil nu à la mi-décembre',
    summary:
      'Découverte au printemps par un observatoire amateur, la comète s’approche du Soleil et gagne en éclat. Les astronomes restent prudents : son noyau pourrait se fragmenter avant le rendez-vous.',
    minutesAgo: 180,
  },
  {
    outlet: 'courrier',
    url: 'https://www.courrier-ouest-atlantique.example/economie/chantier-naval-commandes',
    headline: 'Le chantier naval de Port-Ardent signe trois commandes de navires électriques',
    summary:
      'Trois bacs électriques destinés à la traversée des estuaires seront construits à Port-Ardent. Le chantier prévoit d’embaucher une quarantaine de soudeurs et d’électriciens d’ici l’été.',
    minutesAgo: 420,
  },
  {
    outlet: 'echo',
    url: 'https://www.echo-des-vallees.example/culture/festival-cors-des-alpes',
    headline: 'Le festival des cors des Alpes fêtera ses cinquante ans en musique et en plein air',
    summary:
      'Pour son cinquantième anniversaire, le festival invitera des ensembles de toute la chaîne alpine. Les concerts auront lieu sur les alpages, accessibles par des sentiers balisés pour l’occasion.',
    minutesAgo: 520,
  },
];

/** The demo's wire agency, the one the demo's dépêches already credit. */
export const DEMO_AGENCY = {
  name: 'Agence Presse Horizon',
  siteUrl: 'https://www.presse-horizon.example/',
  bio: 'Agence de presse généraliste fictive, l’Agence Presse Horizon dépose ses dépêches en ninjs dans le dossier surveillé du site, leurs photos à côté. Chaque dépêche attend qu’un éditeur la publie : sa photo devient alors l’image principale de l’article, avec sa légende et son crédit. Une version corrigée met à jour la dépêche publiée, photo comprise ; un retrait la dépublie aussitôt.',
  /** Its dépêches wait for an editor ("Dépêches en attente"). */
  rule: 'hold' as const,
  section: 'international',
  tags: ['Dépêche'],
  /** Below the wire's root (WIRE_ROOT, by default DATA_DIR/agences). */
  folder: 'presse-horizon',
  pollSeconds: 300,
};

export interface DemoDepeche {
  guid: string;
  headline: string;
  lead: string;
  paragraphs: string[];
  subjects: string[];
  /**
   * Its photo, delivered beside the file in the agency's folder (`path` is the item's relative
   * reference); drawn by the demo's illustrator with this motif, so the demo carries no one's picture.
   */
  photo?: { caption: string; credit: string; path: string; motif: IllustrationMotif };
}

/** What the agency dropped in its folder, with their photos: read by the wire's first poll, then held for an editor. */
export const DEMO_DEPECHES: DemoDepeche[] = [
  {
    guid: 'urn:presse-horizon:depeche:quotas-peche-accord',
    headline: 'Pêche : accord à Bruxelles sur les quotas de l’Atlantique, le merlu en baisse',
    lead: 'Au terme d’une nuit de négociations, les ministres européens de la pêche se sont accordés sur les quotas de l’an prochain. Les prises de merlu baisseront de 12 %.',
    paragraphs: [
      'Les ministres européens de la pêche sont parvenus à un accord au petit matin à Bruxelles sur les quotas de l’Atlantique pour l’année prochaine.',
      'Les prises autorisées de merlu baisseront de 12 %, moins que la réduction de 20 % recommandée par les scientifiques. Les quotas de sole sont reconduits.',
      'Les organisations de pêcheurs saluent un compromis « supportable », tandis que les associations de protection des océans regrettent un accord en deçà des avis scientifiques.',
    ],
    subjects: ['Pêche', 'Union européenne'],
    photo: {
      caption: 'Des chalutiers à quai dans un port de l’Atlantique.',
      credit: 'Presse Horizon / Lise Marchal',
      path: 'photos/chalutiers-port.jpg',
      motif: 'waves',
    },
  },
  {
    guid: 'urn:presse-horizon:depeche:serenne-route',
    headline: 'Col de la Sérenne : la route rouvrira au plus tôt dans un mois, selon la préfecture',
    lead: 'La préfecture estime à un mois au moins la durée des travaux de sécurisation après le glissement de terrain qui a coupé la route du col.',
    paragraphs: [
      'La route du col de la Sérenne, coupée par un glissement de terrain, ne rouvrira pas avant un mois, a indiqué la préfecture.',
      'Des filets de protection doivent être posés sur la pente avant le déblaiement de la chaussée. Une navette gratuite relie les villages de la vallée à la gare la plus proche.',
    ],
    subjects: ['Montagne', 'Transports'],
    photo: {
      caption: 'La route du col de la Sérenne, fermée sous le glissement de terrain.',
      credit: 'Presse Horizon / Théo Vasseur',
      path: 'photos/col-serenne-route.jpg',
      motif: 'map',
    },
  },
  {
    guid: 'urn:presse-horizon:depeche:comete-observatoires',
    headline: 'Comète de décembre : les observatoires ouvriront leurs coupoles au public',
    lead: 'Une vingtaine d’observatoires proposeront des nuits d’observation gratuites si la comète tient ses promesses à la mi-décembre.',
    paragraphs: [
      'Une vingtaine d’observatoires publics et associatifs ouvriront leurs coupoles au public à la mi-décembre pour observer la comète annoncée.',
      'Les organisateurs rappellent qu’un ciel dégagé et loin des éclairages urbains reste la première condition d’une bonne observation.',
    ],
    subjects: ['Sciences', 'Astronomie'],
    photo: {
      caption: 'La coupole d’un observatoire associatif, ouverte au crépuscule.',
      credit: 'Presse Horizon / Maëlle Kerjean',
      path: 'photos/coupole-observatoire.jpg',
      motif: 'circles',
    },
  },
];
