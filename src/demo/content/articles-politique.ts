import { doc, h2, p, quote, ul } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** French politics. Ministers, members of Parliament and party officials quoted are fictional. */
export const POLITIQUE_ARTICLES: DemoArticle[] = [
  {
    key: 'plf-premiere-partie',
    format: 'actualite',
    section: 'politique',
    kicker: 'Budget 2027',
    headline: "L'Assemblée adopte de justesse la première partie du projet de loi de finances",
    lead: "Les députés ont adopté la partie « recettes » du budget de l'État pour 2027 à une vingtaine de voix d'écart. Le gouvernement évite le recours à l'article 49.3, mais au prix de concessions sur la fiscalité des entreprises.",
    body: doc(
      p(
        "Le suspense aura duré jusqu'au bout. Par **289 voix contre 263**, l'Assemblée nationale a adopté la première partie du projet de loi de finances pour 2027, celle qui fixe les recettes de l'État et l'équilibre général du budget. Un vote acquis grâce à l'abstention d'une partie des députés centristes et de quelques élus non inscrits.",
      ),
      p(
        "Pour la ministre chargée des Comptes publics, Sabine Orliac, c'est « la preuve qu'un budget peut encore être voté au Parlement, article par article ». Le gouvernement, qui ne dispose pas de majorité absolue, avait fait savoir qu'il ne souhaitait pas engager sa responsabilité sur ce texte à quelques mois de l'élection présidentielle.",
      ),
      h2('Des concessions sur la fiscalité des entreprises'),
      p(
        "Ce succès a un prix. Pour rallier les voix centristes, l'exécutif a accepté de reporter d'un an la suppression d'une niche fiscale bénéficiant aux entreprises de taille intermédiaire, et de relever le seuil d'application d'une nouvelle contribution sur les rachats d'actions. Selon le rapporteur général du budget, Étienne Lavaud, ces aménagements représentent « un peu moins de 1,5 milliard d'euros » de recettes en moins.",
      ),
      quote(
        'Étienne Lavaud',
        "rapporteur général de la commission des finances de l'Assemblée nationale",
        'Nous avons un déficit à réduire et une dette qui coûte chaque année plus cher. Chaque concession doit donc être compensée ailleurs, et je serai très attentif, dans la seconde partie, à ce que les économies annoncées sur les dépenses soient réelles et pas seulement affichées.',
      ),
      p(
        "Dans l'opposition, on dénonce un « budget de marchandage ». « Le gouvernement a acheté quelques abstentions avec des cadeaux fiscaux, et ce sont les services publics qui paieront la facture », a lancé le député Romain Tessier lors des explications de vote.",
      ),
      h2('La suite du parcours'),
      p(
        "L'examen de la seconde partie, consacrée aux dépenses, s'annonce plus périlleux encore. Plusieurs missions budgétaires font l'objet d'amendements de suppression de crédits, et les débats sur les dotations aux collectivités locales promettent d'être vifs. Les prochaines étapes du texte :",
      ),
      ul(
        "l'examen des crédits des missions, en séance, jusqu'à la fin du mois ;",
        "le vote solennel sur l'ensemble du projet de loi, à l'Assemblée ;",
        "la lecture au Sénat, puis une éventuelle commission mixte paritaire avant la fin de l'année.",
      ),
      p(
        "Faute d'adoption définitive dans les délais prévus par la Constitution, le gouvernement pourrait toujours recourir aux ordonnances ou à une loi spéciale, comme cela s'est déjà produit. Une hypothèse que l'exécutif dit vouloir éviter à tout prix.",
      ),
    ),
    hero: {
      seed: 'plf-premiere-partie',
      motif: 'grid',
      palette: 'politique',
      alt: "Illustration géométrique évoquant l'hémicycle d'une assemblée parlementaire",
      caption: "Le vote sur la première partie du budget s'est joué à une vingtaine de voix.",
    },
    authors: ['nadia-ferhat'],
    tags: ['Budget 2027', 'Institutions', 'Élection présidentielle 2027'],
    when: ago(0, 3, 0),
  },
  {
    key: 'primaires-2027',
    format: 'actualite',
    section: 'politique',
    kicker: 'Présidentielle 2027',
    headline: 'Primaires : une idée qui revient, à gauche comme à droite',
    lead: "À six mois de l'élection présidentielle, plusieurs formations politiques s'interrogent à nouveau sur l'organisation d'une primaire ouverte. Un exercice jugé démocratique par les uns, risqué par les autres.",
    body: doc(
      p(
        "L'idée avait été enterrée après plusieurs expériences jugées décevantes. Elle refait surface. Dans au moins trois familles politiques, des responsables plaident désormais pour **une primaire ouverte** afin de départager des candidats potentiels dont aucun ne s'impose dans les sondages.",
      ),
      p(
        "À gauche, un collectif d'élus locaux a publié un appel réclamant « une règle du jeu connue de tous avant Noël ». Ses promoteurs font valoir que la dispersion des candidatures risque, comme lors de précédents scrutins, d'empêcher toute qualification au second tour. « Sans primaire, nous aurons cinq candidats et zéro finaliste », résume Lucie Aymard, maire d'une commune de la Haute-Vienne et l'une des signataires.",
      ),
      h2('Un calendrier très serré'),
      p(
        "L'obstacle principal est pratique. Organiser un scrutin ouvert à tous les électeurs suppose de réserver des milliers de bureaux de vote, de recruter des assesseurs bénévoles et de financer l'ensemble, pour un coût estimé à plusieurs millions d'euros. « Il faudrait voter en février au plus tard, ce qui laisse à peine trois mois pour tout organiser », calcule un ancien responsable d'une primaire passée.",
      ),
      p(
        "À droite, le débat est d'une autre nature. Certains dirigeants préfèrent un départage par sondages ou par un vote des seuls adhérents, jugé plus maîtrisable. D'autres craignent qu'une primaire n'expose les divisions internes au grand jour, au moment même où il faudrait rassembler.",
      ),
      p(
        "Pour le politiste Samuel Ricard, qui a étudié les primaires françaises depuis leur apparition, le regain d'intérêt traduit surtout une crise de la désignation : « Les partis n'ont plus assez d'adhérents pour que leur choix s'impose, et les sondages sont trop volatils pour trancher. La primaire apparaît alors comme la moins mauvaise des solutions, à condition que les perdants s'engagent à soutenir le vainqueur. »",
      ),
      p("C'est tout le problème : aucune des formations concernées n'a, à ce stade, accepté d'inscrire cet engagement noir sur blanc."),
    ),
    hero: {
      seed: 'primaires-2027',
      motif: 'circles',
      palette: 'politique',
      alt: 'Illustration abstraite de cercles de tailles variées évoquant des bulletins de vote',
      caption: "Plusieurs formations réfléchissent à l'organisation d'une primaire ouverte avant l'élection présidentielle.",
    },
    authors: ['nadia-ferhat'],
    tags: ['Élection présidentielle 2027', 'Institutions', 'Collectivités locales'],
    when: ago(2, 2, 10),
  },
  {
    key: 'droit-experimentation',
    format: 'actualite',
    section: 'politique',
    kicker: 'Décentralisation',
    headline: "Les collectivités obtiennent un droit d'expérimentation élargi",
    lead: "Un décret publié au Journal officiel simplifie la procédure permettant aux collectivités de déroger, à titre expérimental, à certaines règles nationales. Les associations d'élus saluent un progrès, mais attendent de voir son usage réel.",
    body: doc(
      p(
        "Le texte était attendu depuis plus d'un an. Un décret paru au *Journal officiel* allège la procédure par laquelle une commune, un département ou une région peut **expérimenter pendant cinq ans une règle différente de la règle nationale**, dans des domaines comme l'urbanisme, les transports scolaires ou l'action sociale.",
      ),
      p(
        "Jusqu'ici, l'expérimentation supposait un dossier lourd, un avis de plusieurs administrations centrales et un délai d'instruction pouvant dépasser dix-huit mois. Le nouveau décret fixe un délai maximal de six mois, au-delà duquel l'absence de réponse vaut accord, et réduit le nombre de pièces à fournir.",
      ),
      p(
        "Dans les départements ruraux, plusieurs projets attendaient ce feu vert : transport à la demande mutualisé entre écoles et centres de santé, assouplissement des règles de construction en zone de montagne, guichet unique pour les aides sociales. « Nous allons pouvoir tester des solutions pensées pour nos territoires, au lieu d'attendre une loi nationale qui ne viendra peut-être jamais », se félicite le président d'une intercommunalité du Cantal cité par *Le Courrier des territoires*.",
      ),
      p(
        "Les associations d'élus restent toutefois prudentes. Elles rappellent que les précédentes réformes du droit à l'expérimentation ont été peu utilisées, faute d'accompagnement technique et de moyens d'évaluation. Le gouvernement promet la création d'une cellule dédiée au sein de l'administration, chargée d'aider les collectivités à monter leurs dossiers.",
      ),
      p(
        'Une première évaluation publique des expérimentations lancées est prévue dans deux ans. Si elles sont concluantes, elles pourront être généralisées par la loi, ou abandonnées.',
      ),
    ),
    hero: {
      seed: 'droit-experimentation',
      motif: 'map',
      palette: 'politique',
      alt: 'Illustration évoquant une carte de France découpée en territoires de couleurs différentes',
      caption: 'Plusieurs collectivités rurales attendaient ce décret pour lancer leurs projets.',
    },
    source: {
      outlet: 'Le Courrier des territoires',
      url: 'https://www.courrier-territoires.example/decentralisation/decret-experimentation-collectivites',
      headline: 'Expérimentation : le décret qui change la donne pour les collectivités',
    },
    authors: ['nadia-ferhat'],
    tags: ['Collectivités locales', 'Institutions', 'Transports'],
    when: ago(5, 6, 0),
  },
];
