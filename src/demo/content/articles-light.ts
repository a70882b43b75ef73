import { doc, h2, p, quote } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Sextant-Light: culture, heritage and personalities. Artists and authors named here are fictional. */
export const LIGHT_ARTICLES: DemoArticle[] = [
  {
    key: 'lila-moreau-tournee',
    format: 'actualite',
    section: 'light',
    kicker: 'Musique',
    headline: 'Lila Moreau troque les grandes salles pour les salles des fêtes',
    lead: "Après deux albums disque de platine, la chanteuse annonce une tournée de quarante dates dans des communes de moins de 5 000 habitants. Un choix artistique autant qu'un pari économique.",
    body: doc(
      p(
        "Elle a rempli les plus grandes salles du pays et enchaîné les festivals d'été. Pour sa prochaine tournée, Lila Moreau a choisi les salles des fêtes, les halles de marché et les granges aménagées. La chanteuse a annoncé **quarante concerts dans des communes de moins de 5 000 habitants**, de la Lozère aux Ardennes, au printemps prochain.",
      ),
      p(
        "Le format sera dépouillé : une guitare, un piano, un violoncelle, et une jauge limitée à quelques centaines de spectateurs. Les billets seront vendus en priorité aux habitants des communes concernées, par l'intermédiaire des mairies et des associations locales.",
      ),
      quote(
        'Lila Moreau',
        'autrice-compositrice-interprète',
        "J'ai grandi dans un village où le seul concert de l'année, c'était le bal du 14 Juillet. Je voulais revenir à cette proximité, voir les visages, entendre les gens chanter. Et puis, honnêtement, je crois que j'avais besoin de retrouver le plaisir de jouer sans écran géant derrière moi.",
      ),
      h2('Un modèle économique fragile'),
      p(
        "Le pari n'est pas sans risque. Avec des jauges réduites et des billets vendus à prix modéré, la tournée ne sera rentable qu'avec le soutien de partenaires, notamment des départements et d'une fondation d'entreprise. L'entourage de la chanteuse reconnaît que l'objectif est « d'équilibrer les comptes, pas de gagner de l'argent ».",
      ),
      p(
        "Les salles retenues ont été choisies avec les communes, en fonction de leur acoustique et de leur accessibilité. Certaines, comme une ancienne halle aux grains de l'Aveyron ou une grange cistercienne de Bourgogne, n'avaient jamais accueilli de concert payant. Des navettes seront organisées depuis les bourgs voisins pour les spectateurs sans voiture.",
      ),
      p(
        "Les premières dates seront mises en vente au début de l'année prochaine. Plusieurs maires ont déjà fait savoir qu'ils s'attendaient à une affluence bien supérieure à la capacité de leur salle.",
      ),
    ),
    hero: {
      seed: 'lila-moreau-tournee',
      motif: 'mic',
      palette: 'culture',
      alt: "Illustration d'un micro sur pied devant une scène de salle des fêtes décorée de guirlandes",
      caption: 'La tournée de Lila Moreau passera par quarante communes rurales.',
    },
    authors: ['margaux-delorme'],
    tags: ['Culture', 'Collectivités locales', 'Médias'],
    when: ago(0, 5, 30),
  },
  {
    key: 'bibliothecaire-tulle',
    format: 'actualite',
    section: 'light',
    kicker: 'Livres',
    headline: "Le premier roman d'une bibliothécaire de Tulle, succès surprise de la rentrée littéraire",
    slug: 'le-premier-roman-d-une-bibliothecaire-de-tulle-succes-surprise-de-la-rentree',
    lead: "Publié par une petite maison d'édition, « Les Heures creuses » d'Odile Carrier s'est vendu à plus de 80 000 exemplaires grâce au bouche-à-oreille et aux libraires indépendants.",
    body: doc(
      p(
        "Personne ne l'attendait, et surtout pas son éditeur. *Les Heures creuses*, premier roman d'Odile Carrier, bibliothécaire à Tulle, a dépassé les **80 000 exemplaires vendus**, un chiffre exceptionnel pour une maison d'édition qui publie une dizaine de titres par an.",
      ),
      p(
        "Le livre raconte, sur une année, la vie d'une médiathèque de quartier et de ses habitués : un retraité qui lit tous les journaux, une adolescente qui prépare son bac, un homme qui vient chaque jour consulter les offres d'emploi. Une chronique douce et attentive, que de nombreux libraires ont défendue dès sa parution.",
      ),
      p(
        "L'autrice, qui continue d'exercer son métier, accueille le succès avec étonnement. « Je reçois des lettres de bibliothécaires de toute la France qui me disent : c'est chez nous, c'est exactement nous », confie-t-elle. Elle refuse pour l'instant la plupart des sollicitations médiatiques, faute de temps.",
      ),
      p(
        'Son éditeur, une maison indépendante installée à Brive qui emploie trois personnes, a dû faire réimprimer le livre à six reprises. « Nous avons découvert le métier de la réimpression en urgence », sourit son fondateur, qui a confié la distribution à un diffuseur national pour suivre la demande des librairies.',
      ),
      p("Le roman figure sur plusieurs listes de prix littéraires de l'automne. Les droits d'adaptation audiovisuelle ont déjà été cédés."),
    ),
    hero: {
      seed: 'bibliothecaire-tulle',
      motif: 'grid',
      palette: 'culture',
      alt: "Illustration d'une pile de livres posée sur le comptoir d'une médiathèque",
      caption: '« Les Heures creuses » a été porté par les libraires indépendants.',
    },
    authors: ['margaux-delorme'],
    tags: ['Culture', 'Médias', 'Collectivités locales'],
    when: ago(2, 4, 30),
  },
  {
    key: 'carrousel-tilleuls',
    format: 'actualite',
    section: 'light',
    kicker: 'Patrimoine',
    headline: 'Un carrousel de 1900 retrouve ses chevaux de bois',
    lead: "Après trois ans de restauration, un manège classé au titre des monuments historiques reprend du service, avec ses trente-deux chevaux sculptés remis en peinture à l'identique.",
    body: doc(
      p(
        'Il avait cessé de tourner il y a trois ans, ses chevaux écaillés et son mécanisme à bout de souffle. Le carrousel de la place des Tilleuls, construit vers 1900 par un atelier de sculpteurs forains, a été inauguré de nouveau après une restauration minutieuse.',
      ),
      p(
        "Le manège fait partie des rares carrousels de cette époque encore installés à leur emplacement d'origine. Classé au titre des monuments historiques depuis les années 1980, il avait connu plusieurs restaurations partielles, parfois maladroites, qui avaient recouvert les décors peints de couleurs vives sans rapport avec l'original.",
      ),
      p(
        "Les trente-deux chevaux de bois ont été démontés un à un, décapés puis repeints à l'identique à partir de traces de peinture d'origine retrouvées sous une dizaine de couches successives. L'orgue de foire a lui aussi été restauré, et ses cartons perforés numérisés pour éviter leur usure.",
      ),
      p(
        "Le chantier a mobilisé une dizaine d'artisans : sculpteurs sur bois, doreurs, peintres en décor et mécaniciens spécialisés dans les manèges anciens. Les pièces du mécanisme trop usées ont été refaites à l'identique, tandis qu'un moteur électrique moderne, invisible pour le public, remplace désormais celui des années 1950.",
      ),
      p(
        "La restauration, d'un coût de 600 000 euros, a été financée par la commune, l'État et une souscription publique qui a réuni plus de 2 000 donateurs. Le tour de manège reste au prix d'un euro.",
      ),
    ),
    hero: {
      seed: 'carrousel-tilleuls',
      motif: 'circles',
      palette: 'culture',
      alt: "Illustration d'un manège de chevaux de bois sous un chapiteau rayé",
      caption: "Les trente-deux chevaux du carrousel ont été repeints à l'identique.",
    },
    authors: ['margaux-delorme'],
    tags: ['Culture', 'Patrimoine', 'Histoire', 'Collectivités locales'],
    when: ago(5, 3, 15),
  },
];
