import { doc, h2, p, quote } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/**
 * International news. The first article is the reference article of the demo: it carries every
 * part of an article page (kicker, credited picture, lead, long quotation, source line, tags,
 * a correction and an update) and is the lead story of the home page. The Morévie and Istrane
 * are fictional countries, and every person quoted is fictional.
 */
export const INTERNATIONAL_ARTICLES: DemoArticle[] = [
  {
    key: 'sommet-karvala',
    format: 'actualite',
    section: 'international',
    kicker: 'Bras de fer avec Bruxelles',
    headline: 'Sommet Morévie-Istrane : Dragan Velić et Aurel Costin renforcent les liens entre leurs deux pays',
    slug: 'sommet-morevie-istrane-dragan-velic-et-aurel-costin-renforcent-leurs-liens',
    lead: 'Le président morévien Dragan Velić a été reçu à Karvala par son homologue istranien, Aurel Costin, pour un sommet de deux jours. Les deux dirigeants ont signé un accord énergétique de douze ans, sans dissiper les inquiétudes de Bruxelles sur la trajectoire européenne de la Morévie.',
    body: doc(
      p(
        "Tapis rouge, garde d'honneur et vingt et un coups de canon : l'Istrane n'a rien négligé pour accueillir Dragan Velić à Karvala. C'est la première visite d'un chef d'État morévien dans la capitale istranienne depuis la normalisation des relations entre les deux voisins, il y a neuf ans. Le sommet, préparé dans la plus grande discrétion, n'avait été annoncé que quarante-huit heures à l'avance.",
      ),
      p(
        "Les deux pays reviennent de loin. Séparés pendant des décennies par un différend frontalier et par des choix d'alliance opposés, ils n'avaient rétabli des relations diplomatiques complètes qu'au prix d'une longue médiation internationale. Depuis, les échanges commerciaux ont triplé, mais les contacts au plus haut niveau étaient restés rares et protocolaires.",
      ),
      p(
        "Au terme de deux jours d'entretiens, les deux présidents ont signé un **accord de coopération énergétique d'une durée de douze ans**. L'Istrane s'engage à livrer à son voisin jusqu'à 4 milliards de mètres cubes de gaz par an, à un prix indexé sur les cours européens mais assorti d'une décote dont le montant n'a pas été rendu public. Les deux pays prévoient en outre de construire une ligne électrique à haute tension de 220 kilomètres, dont la mise en service est envisagée avant la fin de la décennie.",
      ),
      h2('Un enjeu vital pour la Morévie'),
      p(
        "Pour la Morévie, qui importe près des trois quarts de l'énergie qu'elle consomme, l'enjeu est immédiat. L'hiver dernier, plusieurs villes du nord du pays avaient connu des coupures de chauffage, et la facture énergétique a pesé lourdement sur un budget déjà contraint. Lors de la conférence de presse commune, Dragan Velić a longuement défendu le choix de son gouvernement :",
      ),
      quote(
        'Dragan Velić',
        'président de la République de Morévie',
        "Je sais ce que l'on dira à Bruxelles et dans certaines capitales. On dira que la Morévie tourne le dos à l'Europe, qu'elle choisit la facilité, qu'elle se lie les mains pour douze ans. Je veux répondre clairement : la Morévie ne tourne le dos à personne. Notre place est dans l'Union européenne, nous l'avons dit, nous le répétons, et nous continuerons les réformes que nous avons engagées.",
        "Mais un gouvernement a d'abord un devoir envers les familles qui, l'hiver dernier, ont vécu des semaines entières sans chauffage. Aucune famille morévienne ne doit revivre cela. Cet accord n'est dirigé contre aucun pays. Il garantit notre approvisionnement, il fait baisser la facture des ménages, et il relie nos réseaux à ceux de nos voisins, ce qui est exactement ce que l'Europe nous demande de faire.",
        "À ceux qui s'inquiètent, je dis : venez voir nos villes en janvier, parlez avec nos maires, et ensuite nous discuterons de ce qui est raisonnable et de ce qui ne l'est pas.",
      ),
      p(
        "Le président morévien a également annoncé la création d'un fonds commun destiné à financer la rénovation des réseaux de chaleur dans les villes frontalières, doté de 300 millions d'euros sur cinq ans, et la réouverture d'une liaison ferroviaire de voyageurs entre les deux capitales, interrompue depuis plus de trente ans.",
      ),
      p(
        "Aurel Costin, de son côté, a salué « une page nouvelle » dans l'histoire des deux pays et évoqué « une amitié qui n'a besoin de la permission de personne », une formule interprétée par plusieurs diplomates présents comme une pique adressée à l'Union européenne, avec laquelle Karvala entretient des relations tendues depuis l'adoption de sanctions visant plusieurs entreprises istraniennes du secteur des hydrocarbures.",
      ),
      h2('Bruxelles « examine » le texte'),
      p(
        "À Bruxelles, la réaction a été mesurée. Un porte-parole de la Commission européenne a indiqué que ses services allaient « examiner attentivement la compatibilité de l'accord avec l'acquis communautaire et avec les engagements pris par la Morévie dans le cadre des négociations d'adhésion ». Le chapitre consacré à l'énergie, ouvert l'an dernier, impose notamment aux pays candidats de diversifier leurs sources d'approvisionnement. « Le problème n'est pas le gaz, c'est la durée et l'opacité du prix », résume un diplomate européen sous couvert d'anonymat.",
      ),
      p(
        "Le texte doit encore être ratifié par le Parlement morévien, où la coalition de Dragan Velić ne dispose que d'une courte majorité. L'opposition libérale a d'ores et déjà annoncé qu'elle voterait contre et appelé à manifester dans la capitale. La prochaine conférence intergouvernementale entre l'Union et la Morévie, prévue avant la fin de l'année, dira si Bruxelles considère cet accord comme un simple contrat d'approvisionnement ou comme un choix politique.",
      ),
    ),
    hero: {
      seed: 'sommet-karvala',
      motif: 'map',
      palette: 'international',
      alt: 'Illustration géométrique évoquant la carte de deux pays voisins reliés par un tracé de gazoduc',
      caption: 'Le sommet de Karvala a réuni pendant deux jours les présidents morévien et istranien.',
    },
    source: {
      outlet: 'Euronova',
      url: 'https://www.euronova.example/fr/europe/morevie-istrane-accord-energetique-karvala',
      headline: 'Morévie et Istrane signent à Karvala un accord énergétique de douze ans',
    },
    authors: ['julien-baraduc'],
    tags: ['Diplomatie', 'Énergie', 'Union européenne', 'Europe centrale et orientale'],
    when: ago(0, 1, 10),
    updated: ago(0, 0, 20),
    corrections: [
      {
        when: ago(0, 0, 20),
        text: "Une version précédente de cet article indiquait que l'accord énergétique était conclu pour quinze ans. Il l'est pour douze ans. Le passage concerné a été rectifié.",
      },
    ],
  },
  {
    key: 'arctique-assureurs',
    format: 'actualite',
    section: 'international',
    kicker: 'Routes maritimes',
    headline: 'Arctique : les assureurs relèvent leurs primes après une saison de glaces imprévisible',
    slug: 'arctique-les-assureurs-relevent-leurs-primes-apres-une-saison-de-glaces-imprevisible',
    lead: "Plusieurs incidents survenus cet été le long de la route maritime du Nord-Est ont conduit les grands assureurs à revoir leurs tarifs. Pour les armateurs, l'équation économique du passage arctique se complique.",
    body: doc(
      p(
        "La saison de navigation arctique s'est achevée sur un constat que peu d'armateurs avaient anticipé : jamais les conditions de glace n'avaient été aussi difficiles à prévoir. Trois porte-conteneurs et un méthanier ont dû être assistés par des brise-glaces au cours de l'été, et un vraquier a subi une avarie de coque qui l'a immobilisé près de trois semaines.",
      ),
      p(
        "Conséquence directe, les principaux assureurs maritimes ont annoncé une **hausse de 15 à 40 % des primes** pour les navires empruntant la route du Nord-Est, selon le type de coque et la période de passage. Certains exigent désormais la présence à bord d'un pilote spécialisé des glaces, même pour les traversées de plein été.",
      ),
      h2('Des glaces plus mobiles, donc plus dangereuses'),
      p(
        "Le paradoxe n'est qu'apparent. Si la banquise recule en surface et en épaisseur, elle devient aussi plus fragmentée et plus mobile. « Un champ de glace qui se disloque peut refermer un chenal en quelques heures », explique une océanographe d'un institut norvégien. Les modèles de prévision, calibrés sur des décennies de glace plus stable, peinent à suivre.",
      ),
      p(
        "Pour les compagnies, l'intérêt du passage arctique reposait sur un calcul simple : un trajet entre l'Asie du Nord et l'Europe raccourci de près de 40 % par rapport au canal de Suez. Ce gain de temps est désormais grignoté par les surcoûts d'assurance, d'escorte et d'équipement. Deux grands armateurs européens avaient déjà renoncé à cette route pour des raisons d'image ; d'autres pourraient suivre pour des raisons purement comptables.",
      ),
      p(
        "Les États riverains, eux, continuent d'investir dans les infrastructures portuaires et les flottes de brise-glaces, convaincus que le trafic finira par croître. Mais pour un courtier londonien interrogé par *Financial Chronicle*, la saison écoulée rappelle que « l'Arctique n'est pas une autoroute : c'est une mer qui se réserve le droit de fermer ».",
      ),
    ),
    hero: {
      seed: 'arctique-assureurs',
      motif: 'waves',
      palette: 'international',
      alt: 'Illustration de vagues stylisées et de blocs de glace flottants',
      caption: 'Plusieurs navires ont dû être assistés par des brise-glaces cet été.',
    },
    source: {
      outlet: 'Financial Chronicle',
      url: 'https://www.financial-chronicle.example/shipping/arctic-route-insurers-raise-premiums',
      headline: 'Arctic route: insurers raise premiums after a season of unpredictable ice',
    },
    authors: ['julien-baraduc'],
    tags: ['Mers et océans', 'Climat', 'Transports'],
    when: ago(2, 5, 30),
  },
  {
    key: 'fonds-adaptation',
    format: 'actualite',
    section: 'international',
    kicker: 'Conférence climat',
    headline: "Climat : les États insulaires obtiennent un fonds d'adaptation élargi, mais sans calendrier de versement",
    slug: 'climat-les-etats-insulaires-obtiennent-un-fonds-d-adaptation-elargi',
    lead: "Au terme de négociations prolongées d'une nuit, les délégations réunies pour la conférence des Nations unies sur le climat ont adopté un texte qui élargit le fonds d'adaptation. Les petits États insulaires saluent une avancée, tout en regrettant l'absence d'engagements chiffrés par année.",
    body: doc(
      p(
        "Le marteau de la présidence est tombé peu après l'aube, sous les applaudissements fatigués des délégués. Après deux semaines de négociations et une nuit blanche supplémentaire, la conférence des Nations unies sur le climat a adopté une décision qui **élargit le périmètre du fonds d'adaptation** aux pertes liées à la montée du niveau des mers et à la salinisation des terres agricoles.",
      ),
      p(
        "C'était la principale revendication de l'alliance des petits États insulaires, dont plusieurs membres voient déjà des villages entiers déplacés. « Pour la première fois, un texte reconnaît que l'adaptation a des limites et que certains territoires devront être quittés », souligne la négociatrice d'un État du Pacifique, qui a requis l'anonymat faute d'être autorisée à s'exprimer.",
      ),
      h2('Des montants, mais pas de calendrier'),
      p(
        "Le texte fixe un objectif de mobilisation de plusieurs dizaines de milliards de dollars d'ici à 2030, mais ne précise ni la répartition entre pays contributeurs ni le rythme des versements. Les organisations non gouvernementales dénoncent une « promesse sans échéancier ». Les pays industrialisés, de leur côté, font valoir qu'un calendrier contraignant aurait été rejeté par plusieurs parlements nationaux.",
      ),
      p(
        "La délégation de l'Union européenne s'est dite « satisfaite d'un compromis qui préserve l'essentiel », tout en reconnaissant que la question de l'élargissement de la base des contributeurs à certaines économies émergentes restait entière. Ce point, qui a bloqué les discussions pendant plus de trente heures, a été renvoyé à la prochaine session.",
      ),
      p(
        "Reste l'essentiel, que la conférence n'a pas tranché : la réduction des émissions. Les engagements nationaux actualisés, déposés avant l'ouverture des travaux, placent toujours le monde sur une trajectoire de réchauffement bien supérieure aux objectifs de l'accord de Paris. Plusieurs délégations ont promis de les réviser « dans les meilleurs délais », sans autre précision.",
      ),
    ),
    hero: {
      seed: 'fonds-adaptation',
      motif: 'circles',
      palette: 'international',
      alt: 'Illustration abstraite de cercles concentriques évoquant un archipel entouré par la mer',
      caption: "Les petits États insulaires réclamaient depuis plusieurs années l'élargissement du fonds d'adaptation.",
    },
    authors: ['julien-baraduc'],
    tags: ['Climat', 'Diplomatie', 'Mers et océans'],
    when: ago(3, 9, 15),
  },
  {
    key: 'cables-baltique',
    format: 'actualite',
    section: 'international',
    kicker: 'Infrastructures critiques',
    headline: 'Mer Baltique : les câbles sous-marins placés sous surveillance renforcée',
    lead: "Les pays riverains de la Baltique vont mutualiser leurs moyens de surveillance des câbles et gazoducs sous-marins. Une réponse à plusieurs avaries inexpliquées survenues depuis le début de l'année.",
    body: doc(
      p(
        "Patrouilles navales coordonnées, drones sous-marins et partage en temps réel des données de navigation : les États riverains de la mer Baltique ont adopté un **plan commun de protection des infrastructures sous-marines**, qui doit entrer en vigueur au début de l'année prochaine.",
      ),
      p(
        "Depuis janvier, quatre câbles de télécommunication et une conduite de gaz ont subi des dommages dans la région. Les enquêtes, toujours en cours, privilégient dans au moins deux cas la piste d'une ancre traînée sur le fond par un navire marchand. « Accident ou acte délibéré, le résultat est le même : une vulnérabilité que nous ne pouvons plus ignorer », a résumé un responsable militaire lors de la présentation du plan.",
      ),
      p(
        "Le dispositif prévoit notamment d'obliger les navires transitant par certaines zones sensibles à maintenir leur système d'identification automatique allumé en permanence, et de renforcer les contrôles dans les ports sur l'état des chaînes d'ancre. Les compagnies d'assurance maritime ont été associées à la réflexion.",
      ),
      p(
        "Pour les opérateurs de réseaux, la priorité reste la redondance. « Un câble coupé, c'est un incident ; trois câbles coupés le même mois, c'est une crise », observe un ingénieur d'un opérateur nordique, qui plaide pour la pose de liaisons supplémentaires et pour des navires de réparation basés à proximité.",
      ),
      p(
        "La Commission européenne a annoncé qu'elle financerait une partie des équipements de surveillance au titre de son programme consacré aux infrastructures critiques. Le montant exact doit être arrêté dans les prochaines semaines.",
      ),
    ),
    hero: {
      seed: 'cables-baltique',
      motif: 'grid',
      palette: 'international',
      alt: 'Illustration de lignes entrecroisées évoquant un réseau de câbles au fond de la mer',
      caption: "Plusieurs câbles de télécommunication ont été endommagés en mer Baltique depuis le début de l'année.",
    },
    authors: ['julien-baraduc'],
    tags: ['Défense', 'Numérique', 'Union européenne', 'Mers et océans'],
    when: ago(6, 4, 45),
  },
];
