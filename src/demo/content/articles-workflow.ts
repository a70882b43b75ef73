import { doc, h2, p } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago, ahead } from '../schedule.ts';

/**
 * Articles that are not (or no longer) public: a draft, a scheduled article and a withdrawn one.
 * They show the back office at work and let tests check that the public site never lists them
 * (a withdrawn article answers 410 Gone).
 */
export const WORKFLOW_ARTICLES: DemoArticle[] = [
  {
    key: 'brouillon-retraites',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Protection sociale',
    headline: 'Retraites : les trois chiffres qui structureront le débat de 2027',
    lead: 'Âge de départ, taux de remplacement, poids des pensions dans la richesse nationale : le débat sur les retraites reviendra pendant la campagne présidentielle. Voici les repères pour le suivre.',
    body: doc(
      p(
        "Aucun candidat à l'élection présidentielle ne pourra éviter la question des retraites. Avant que la campagne ne s'en empare, il est utile de fixer quelques repères chiffrés, sur lesquels les économistes s'accordent largement.",
      ),
      h2("L'âge effectif de départ"),
      p(
        "L'âge légal n'est pas l'âge auquel les Français partent réellement à la retraite. Carrières longues, départs pour invalidité, périodes de chômage en fin de carrière : l'âge effectif moyen de départ diffère sensiblement de l'âge légal, et c'est lui qui détermine le coût du système.",
      ),
      p('[À compléter : taux de remplacement et part des pensions dans le PIB, avec les dernières projections.]'),
    ),
    hero: {
      seed: 'brouillon-retraites',
      motif: 'chart',
      palette: 'economie',
      alt: "Illustration d'un graphique aux courbes croisées",
      caption: 'Les retraites seront un thème central de la campagne présidentielle.',
    },
    authors: ['thomas-le-goff', 'anne-sophie-kerbrat'],
    tags: ['Élection présidentielle 2027', 'Budget 2027', 'Emploi'],
    when: ago(0, 2, 0),
    status: 'draft',
  },
  {
    key: 'programme-parrainages',
    format: 'actualite',
    section: 'politique',
    kicker: 'Présidentielle 2027',
    headline: 'Parrainages : le calendrier qui attend les candidats à la présidentielle',
    lead: "Pour se présenter, chaque candidat devra réunir 500 signatures d'élus. Le Conseil constitutionnel a précisé le calendrier de leur dépôt.",
    body: doc(
      p(
        "C'est la première épreuve de toute candidature à l'élection présidentielle : réunir **500 parrainages** d'élus, issus d'au moins trente départements ou collectivités d'outre-mer, sans que plus d'un dixième d'entre eux proviennent du même département.",
      ),
      p(
        "Les formulaires seront adressés aux quelque 42 000 élus habilités quelques semaines avant le scrutin. Les parrainages sont rendus publics au fur et à mesure de leur réception par le Conseil constitutionnel, une règle instaurée pour renforcer la transparence, mais qui dissuade certains maires de s'engager.",
      ),
      p(
        "La règle de publication des parrainages fait débat depuis son instauration. Ses défenseurs y voient une garantie de transparence ; ses détracteurs estiment qu'elle expose les maires à des pressions locales et qu'elle pénalise les candidats des courants minoritaires, qui peinent à réunir des signatures même lorsqu'ils sont crédités de plusieurs points dans les sondages.",
      ),
      p(
        "Pour les petites candidatures, la collecte se joue souvent dans les derniers jours. Plusieurs équipes de campagne ont déjà commencé à sillonner les départements ruraux, où les maires de petites communes, souvent sans étiquette, représentent l'essentiel des parrains potentiels.",
      ),
      p(
        "La liste officielle des candidats sera arrêtée par le Conseil constitutionnel, qui vérifie la validité de chaque parrainage avant de la publier au *Journal officiel*. La campagne officielle ne s'ouvrira qu'ensuite, avec l'égalité stricte des temps de parole dans les médias audiovisuels.",
      ),
    ),
    hero: {
      seed: 'programme-parrainages',
      motif: 'map',
      palette: 'politique',
      alt: 'Illustration évoquant une carte de France parsemée de points',
      caption: "Les parrainages doivent provenir d'au moins trente départements.",
    },
    authors: ['nadia-ferhat'],
    tags: ['Élection présidentielle 2027', 'Institutions', 'Collectivités locales'],
    when: ahead(0, 16, 0),
    status: 'scheduled',
  },
  {
    key: 'retire-maternites',
    format: 'actualite',
    section: 'societe',
    kicker: 'Santé',
    headline: 'Un rapport prévoit la fermeture de quarante maternités',
    lead: "Un document de travail évoque la fermeture de quarante petites maternités d'ici cinq ans. Le ministère dément tout projet de cette nature.",
    body: doc(
      p(
        "Un document de travail consulté par la rédaction évoque la fermeture d'une quarantaine de petites maternités d'ici cinq ans, au nom de la sécurité des accouchements et de la difficulté à recruter des obstétriciens et des anesthésistes.",
      ),
      p(
        'Selon ce document, les établissements concernés réalisent moins de 300 accouchements par an et fonctionnent en partie grâce à des médecins intérimaires. Leur transformation en centres périnataux de proximité, assurant le suivi des grossesses mais plus les accouchements, y est présentée comme une option.',
      ),
      p(
        "Les élus des territoires concernés dénoncent par avance un nouvel éloignement des services publics, et rappellent que certaines femmes vivent déjà à plus de quarante-cinq minutes d'une maternité.",
      ),
      p("Le ministère de la Santé dément tout projet de fermeture et assure que ce document n'engage pas le gouvernement."),
    ),
    hero: {
      seed: 'retire-maternites',
      motif: 'circles',
      palette: 'societe',
      alt: 'Illustration abstraite de cercles pastel',
      caption: 'Les petites maternités peinent à recruter.',
    },
    authors: ['elise-varenne'],
    tags: ['Santé', 'Collectivités locales', 'Budget 2027'],
    when: ago(8, 5, 0),
    status: 'unpublished',
  },
];
