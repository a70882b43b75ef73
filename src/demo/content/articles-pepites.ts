import { doc, foreignQuote, p } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/**
 * Pépites: short curated picks, each summarising a story published by another outlet, which is
 * named and linked. The outlets are fictional and live under the reserved .example domain.
 */
export const PEPITES: DemoArticle[] = [
  {
    key: 'pepite-or-banques-centrales',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Marchés',
    headline: "Les banques centrales achètent de l'or à un rythme inédit depuis un demi-siècle",
    lead: "Selon Financial Chronicle, les achats d'or des banques centrales atteignent des niveaux sans précédent depuis les années 1970. Une manière de se prémunir contre les sanctions et les tensions géopolitiques.",
    body: doc(
      p(
        "Le quotidien économique [Financial Chronicle](https://www.financial-chronicle.example/markets/central-banks-gold-buying-record) a compilé les déclarations de réserves de plus de soixante banques centrales. Conclusion : leurs achats nets d'or sur douze mois dépassent tous les records depuis le début des années 1970, avec une accélération marquée chez les pays émergents.",
      ),
      p(
        "Le journal y voit moins un pari sur le prix du métal qu'une stratégie de diversification : l'or, détenu sur le territoire national, ne peut être gelé par une décision étrangère, contrairement aux réserves en devises placées à l'étranger.",
      ),
      foreignQuote(
        'en',
        'Priya Raman',
        'stratégiste matières premières, citée par Financial Chronicle',
        'Central banks are not speculating. They are buying insurance, and they are willing to pay almost any price for it.',
      ),
      p(
        "Pour les banques centrales européennes, dont les réserves d'or sont déjà importantes, la question ne se pose pas dans les mêmes termes. Mais le mouvement contribue à soutenir les cours, qui évoluent à des niveaux historiquement élevés.",
      ),
    ),
    hero: {
      seed: 'pepite-or',
      motif: 'circles',
      palette: 'economie',
      alt: 'Illustration de disques dorés empilés évoquant des pièces ou des lingots',
      caption: "Les pays émergents sont les plus gros acheteurs d'or depuis un an.",
    },
    source: {
      outlet: 'Financial Chronicle',
      url: 'https://www.financial-chronicle.example/markets/central-banks-gold-buying-record',
      headline: 'Central banks are buying gold at the fastest pace in half a century',
    },
    authors: ['margaux-delorme'],
    tags: ['Inflation', 'Diplomatie', 'Union européenne'],
    when: ago(0, 0, 40),
  },
  {
    key: 'pepite-quotas-peche',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Pêche',
    headline: 'Quotas de pêche : la bataille discrète qui se joue à Bruxelles',
    lead: 'La Gazette européenne raconte les semaines de tractations qui précèdent la fixation des quotas de pêche en Atlantique, un rendez-vous annuel où se mêlent science, diplomatie et intérêts locaux.',
    body: doc(
      p(
        "Chaque fin d'année, les ministres européens de la pêche se retrouvent pour fixer les possibilités de capture de l'année suivante. [La Gazette européenne](https://www.gazette-europeenne.example/peche/quotas-atlantique-negociations) a suivi les semaines qui précèdent ce conseil, et décrit un marchandage méthodique, espèce par espèce, zone par zone.",
      ),
      p(
        "Le point de départ est toujours l'avis des scientifiques sur l'état des stocks. Mais l'enquête montre que, pour plusieurs espèces, les quotas finalement retenus dépassent les recommandations, au nom de la survie économique des flottilles. Les pêcheurs, de leur côté, dénoncent des avis scientifiques fondés sur des données trop anciennes.",
      ),
      p(
        'Le journal note toutefois une évolution : la part des quotas conformes aux avis scientifiques progresse régulièrement depuis dix ans, et certains stocks autrefois surexploités se reconstituent.',
      ),
    ),
    hero: {
      seed: 'pepite-peche',
      motif: 'waves',
      palette: 'international',
      alt: "Illustration de vagues stylisées sur lesquelles se détache la silhouette d'un chalutier",
      caption: 'Les quotas de pêche sont fixés chaque année à Bruxelles.',
    },
    source: {
      outlet: 'La Gazette européenne',
      url: 'https://www.gazette-europeenne.example/peche/quotas-atlantique-negociations',
      headline: 'Quotas de pêche : dans les coulisses du grand marchandage atlantique',
    },
    authors: ['margaux-delorme'],
    tags: ['Union européenne', 'Mers et océans', 'Agriculture'],
    when: ago(0, 2, 0),
  },
  {
    key: 'pepite-huitres',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Conchyliculture',
    headline: 'Dans le Morbihan, les ostréiculteurs misent sur des huîtres plus résistantes',
    lead: "Le Courrier de l'Ouest-Atlantique a rencontré des ostréiculteurs qui sélectionnent leurs naissains pour mieux résister aux épisodes de chaleur marine, devenus plus fréquents.",
    body: doc(
      p(
        "Les étés plus chauds n'épargnent pas les parcs à huîtres. [Le Courrier de l'Ouest-Atlantique](https://www.courrier-ouest-atlantique.example/mer/ostreiculteurs-naissains-resistants) raconte comment plusieurs exploitations du golfe du Morbihan, après des épisodes de mortalité importants, se tournent vers des naissains issus de programmes de sélection.",
      ),
      p(
        'Ces jeunes huîtres, produites en écloserie à partir de lignées ayant survécu aux épisodes précédents, présentent des taux de survie sensiblement meilleurs. Elles coûtent plus cher, et certains professionnels regrettent une perte de diversité génétique par rapport au captage naturel.',
      ),
      p(
        "Le reportage décrit une profession partagée entre inquiétude et capacité d'adaptation, à quelques semaines des fêtes de fin d'année, qui représentent l'essentiel de ses ventes.",
      ),
    ),
    hero: {
      seed: 'pepite-huitres',
      motif: 'waves',
      palette: 'societe',
      alt: "Illustration d'un estran à marée basse avec des rangées de tables ostréicoles",
      caption: "Les fêtes de fin d'année représentent l'essentiel des ventes d'huîtres.",
    },
    source: {
      outlet: "Le Courrier de l'Ouest-Atlantique",
      url: 'https://www.courrier-ouest-atlantique.example/mer/ostreiculteurs-naissains-resistants',
      headline: 'Face à la chaleur, les ostréiculteurs choisissent des huîtres plus robustes',
    },
    authors: ['margaux-delorme'],
    tags: ['Agriculture', 'Climat', 'Mers et océans'],
    when: ago(0, 3, 30),
  },
  {
    key: 'pepite-chaleur-data-centers',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Numérique',
    headline: 'La chaleur des centres de données chauffe désormais des piscines et des logements',
    slug: 'la-chaleur-des-centres-de-donnees-chauffe-des-piscines-et-des-logements',
    lead: "Tech Ledger recense les projets européens qui récupèrent la chaleur produite par les serveurs informatiques. Une ressource longtemps gaspillée, dont l'usage reste limité par la géographie.",
    body: doc(
      p(
        "Un centre de données transforme en chaleur presque toute l'électricité qu'il consomme. Le site spécialisé [Tech Ledger](https://www.tech-ledger.example/infrastructure/data-centre-waste-heat-europe) a dressé l'inventaire des projets qui valorisent cette chaleur en Europe : piscines municipales, réseaux de chaleur urbains, serres agricoles, et même un quartier de logements neufs.",
      ),
      p(
        "Le principal obstacle est la distance : la chaleur se transporte mal, et un centre de données installé loin des villes ne peut guère en faire profiter des habitants. Certains pays nordiques imposent désormais aux nouveaux projets d'étudier la récupération de chaleur dès leur conception.",
      ),
      p(
        "En France, plusieurs collectivités étudient des projets similaires, encouragées par la hausse des prix de l'énergie et par l'essor des centres de données liés à l'intelligence artificielle.",
      ),
    ),
    hero: {
      seed: 'pepite-data-centers',
      motif: 'grid',
      palette: 'economie',
      alt: "Illustration de rangées de serveurs informatiques d'où s'échappent des ondes de chaleur",
      caption: 'Un centre de données transforme en chaleur presque toute son électricité.',
    },
    source: {
      outlet: 'Tech Ledger',
      url: 'https://www.tech-ledger.example/infrastructure/data-centre-waste-heat-europe',
      headline: "Europe's data centres are starting to heat homes and swimming pools",
    },
    authors: ['margaux-delorme'],
    tags: ['Numérique', 'Énergie', 'Intelligence artificielle'],
    when: ago(0, 7, 0),
  },
  {
    key: 'pepite-maisons-un-euro',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Italie',
    headline: 'Maisons à un euro : les villages italiens font leurs comptes',
    lead: 'La Voce delle Valli est retournée dans des villages qui avaient mis en vente des maisons abandonnées pour un euro symbolique. Le bilan est plus nuancé que la légende.',
    body: doc(
      p(
        "L'opération avait fait le tour du monde : des communes italiennes dépeuplées proposant des maisons en ruine pour un euro, à condition de les rénover. Le quotidien régional [La Voce delle Valli](https://www.voce-delle-valli.example/territorio/case-a-un-euro-bilancio) a fait le bilan, plusieurs années après.",
      ),
      p(
        "Dans certains villages, l'effet a été réel : des dizaines de maisons rénovées, de nouveaux habitants, des commerces rouverts. Dans d'autres, les acheteurs étrangers ont renoncé devant le coût des travaux, souvent dix à vingt fois supérieur à leurs prévisions, et les maisons sont revenues à la commune.",
      ),
      p(
        "Le journal souligne surtout que les résidences secondaires ainsi créées ne repeuplent guère les villages en hiver, et que le principal problème, l'absence d'emplois et de services, demeure entier.",
      ),
    ),
    hero: {
      seed: 'pepite-maisons-un-euro',
      motif: 'skyline',
      palette: 'culture',
      alt: "Illustration d'un village perché aux maisons de pierre sur une colline",
      caption: 'Plusieurs communes italiennes ont vendu des maisons abandonnées pour un euro symbolique.',
    },
    source: {
      outlet: 'La Voce delle Valli',
      url: 'https://www.voce-delle-valli.example/territorio/case-a-un-euro-bilancio',
      headline: 'Case a un euro, il bilancio dei borghi',
    },
    authors: ['margaux-delorme'],
    tags: ['Logement', 'Collectivités locales', 'Union européenne'],
    when: ago(0, 8, 30),
  },
  {
    key: 'pepite-abeilles-friches',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Biodiversité',
    headline: 'Les abeilles sauvages recolonisent les friches urbaines',
    lead: "Selon Le Quotidien des sciences, les terrains vagues des grandes villes abritent une diversité d'abeilles sauvages bien plus grande que prévu.",
    body: doc(
      p(
        "Des chercheurs ont recensé pendant trois ans les insectes pollinisateurs de quarante friches urbaines. Leurs résultats, présentés par [Le Quotidien des sciences](https://www.quotidien-sciences.example/biodiversite/abeilles-sauvages-friches-urbaines), montrent que ces espaces délaissés accueillent parfois davantage d'espèces d'abeilles sauvages que les parcs entretenus.",
      ),
      p(
        "L'explication tient à la diversité des plantes spontanées et à la présence de sols nus, où nichent de nombreuses espèces solitaires. Les auteurs plaident pour que les projets d'aménagement conservent une partie de ces espaces, plutôt que de les remplacer systématiquement par des pelouses.",
      ),
    ),
    hero: {
      seed: 'pepite-abeilles',
      motif: 'circles',
      palette: 'societe',
      alt: 'Illustration de fleurs sauvages stylisées sur un terrain vague en ville',
      caption: "Les friches urbaines abritent de nombreuses espèces d'abeilles sauvages.",
    },
    source: {
      outlet: 'Le Quotidien des sciences',
      url: 'https://www.quotidien-sciences.example/biodiversite/abeilles-sauvages-friches-urbaines',
      headline: 'Les friches, refuges inattendus des abeilles sauvages',
    },
    authors: ['margaux-delorme'],
    tags: ['Sciences', 'Climat', 'Collectivités locales'],
    when: ago(1, 4, 0),
  },
  {
    key: 'pepite-semaine-quatre-jours',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Travail',
    headline: 'Au Japon, les PME testent la semaine de quatre jours pour recruter',
    lead: 'The Northern Review décrit comment des petites entreprises japonaises adoptent la semaine de quatre jours, moins par idéal que pour attirer des salariés devenus rares.',
    body: doc(
      p(
        "Confronté à une pénurie de main-d'œuvre liée au vieillissement de sa population, le Japon voit se multiplier les expérimentations de semaine de quatre jours. [The Northern Review](https://www.northern-review.example/asia/japan-four-day-week-small-firms) a enquêté auprès de petites et moyennes entreprises qui l'ont adoptée.",
      ),
      p(
        "Leur motivation est d'abord pragmatique : proposer une journée libre supplémentaire permet de se distinguer sur un marché du travail très tendu. Les entreprises interrogées font état d'une hausse des candidatures et d'une baisse des départs, sans perte notable de productivité dans la plupart des cas.",
      ),
      p(
        'Le magazine relève toutefois que le dispositif reste rare dans les secteurs où la présence est indispensable, comme le commerce ou les soins, où il supposerait des embauches supplémentaires.',
      ),
    ),
    hero: {
      seed: 'pepite-quatre-jours',
      motif: 'grid',
      palette: 'economie',
      alt: "Illustration d'un calendrier hebdomadaire dont trois cases sont laissées vides",
      caption: 'La semaine de quatre jours séduit des PME japonaises en quête de salariés.',
    },
    source: {
      outlet: 'The Northern Review',
      url: 'https://www.northern-review.example/asia/japan-four-day-week-small-firms',
      headline: "Japan's small firms turn to the four-day week to win scarce workers",
    },
    authors: ['margaux-delorme'],
    tags: ['Emploi', 'Numérique', 'Santé'],
    when: ago(2, 3, 0),
  },
  {
    key: 'pepite-bibliotheques-rurales',
    format: 'pepite',
    section: 'pepites',
    kicker: 'Territoires',
    headline: 'Les bibliothèques rurales se réinventent en lieux de vie',
    lead: "Ouest-Horizon raconte la transformation de petites bibliothèques de village en espaces où l'on vient aussi faire ses démarches, réparer un objet ou jouer.",
    body: doc(
      p(
        "Dans plusieurs départements de l'Ouest, des bibliothèques communales ont élargi leurs horaires et leurs missions. Le magazine [Ouest-Horizon](https://www.ouest-horizon.example/territoires/bibliotheques-rurales-tiers-lieux) décrit des lieux où l'on emprunte toujours des livres, mais où l'on trouve aussi un point d'accès aux services publics en ligne, un atelier de réparation mensuel ou une ludothèque.",
      ),
      p(
        'Ces transformations reposent souvent sur un binôme entre un salarié et une équipe de bénévoles. Elles ont permis, selon les communes interrogées, de faire venir des publics qui ne fréquentaient plus la bibliothèque, notamment les adolescents et les personnes âgées isolées.',
      ),
    ),
    hero: {
      seed: 'pepite-bibliotheques',
      motif: 'grid',
      palette: 'culture',
      alt: 'Illustration de rayonnages de livres colorés dans une petite salle lumineuse',
      caption: 'Des bibliothèques de village élargissent leurs missions.',
    },
    source: {
      outlet: 'Ouest-Horizon',
      url: 'https://www.ouest-horizon.example/territoires/bibliotheques-rurales-tiers-lieux',
      headline: 'Au village, la bibliothèque devient la maison de tous',
    },
    authors: ['margaux-delorme'],
    tags: ['Culture', 'Collectivités locales', 'Numérique'],
    when: ago(4, 2, 0),
  },
];
