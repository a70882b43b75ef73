import { doc, figure, h2, ol, p, ul } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Long analyses (décryptages) on geopolitics, public finances and institutions, written with outside experts. */
export const DECRYPTAGES_PART_1: DemoArticle[] = [
  {
    key: 'pacte-karvala-analyse',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Géopolitique',
    headline: "Pacte de Karvala : ce que l'accord Morévie-Istrane dit du nouveau jeu des puissances moyennes en Europe",
    slug: 'pacte-de-karvala-le-nouveau-jeu-des-puissances-moyennes-en-europe',
    lead: "Derrière un contrat gazier de douze ans, la Morévie envoie un message à Bruxelles : l'attente a un prix. Une candidate à l'Union européenne qui se ménage d'autres options, un voisin sous sanctions en quête de clients, et une Commission face à ses propres contradictions.",
    body: doc(
      p(
        "À première vue, l'accord signé à Karvala par les présidents morévien et istranien n'est qu'un contrat d'approvisionnement parmi d'autres : du gaz contre des devises, une ligne électrique contre un droit de passage. Mais le contexte lui donne une tout autre portée. Pour la première fois, un pays officiellement engagé dans les négociations d'adhésion à l'Union européenne conclut un accord de long terme avec un État visé par des sanctions européennes, et le revendique publiquement.",
      ),
      h2("Une candidate qui se lasse d'attendre"),
      p(
        "La Morévie a déposé sa candidature il y a plus de dix ans. Depuis, les chapitres de négociation se sont ouverts au compte-gouttes, au rythme des réformes exigées par Bruxelles mais aussi des blocages de certains États membres. Dans l'opinion morévienne, le soutien à l'adhésion, qui dépassait 70 % au moment du dépôt de candidature, oscille désormais autour de 50 %. Cette érosion n'est pas propre à la Morévie : on l'observe dans la plupart des pays candidats de la région.",
      ),
      p(
        "Le pacte de Karvala s'inscrit dans ce que les politologues appellent une diplomatie « multivectorielle » : rester arrimé à l'Union tout en multipliant les partenariats alternatifs, de manière à peser davantage dans la négociation. Ce n'est pas une rupture, c'est une assurance. Dragan Velić l'a d'ailleurs dit à sa manière : la Morévie ne tourne le dos à personne, elle refuse seulement de dépendre d'un seul interlocuteur.",
      ),
      h2("L'Istrane, fournisseur en quête de clients"),
      p(
        "Pour l'Istrane, l'enjeu est d'abord économique. Les sanctions européennes visant plusieurs de ses entreprises d'hydrocarbures l'ont privée de débouchés importants. Le marché morévien est modeste, quelques milliards de mètres cubes par an, mais il est adjacent, solvable et politiquement précieux : il prouve que l'isolement voulu par Bruxelles a des failles.",
      ),
      p(
        "Il y a aussi la symbolique. La photographie des deux présidents signant l'accord sous les lustres du palais présidentiel de Karvala vaut, pour le pouvoir istranien, toutes les campagnes de communication. Elle montre à l'opinion intérieure que le pays n'est pas seul, et aux autres voisins que des arrangements restent possibles.",
      ),
      h2('Bruxelles face à ses propres contradictions'),
      p(
        "L'Union européenne n'est pas sans responsabilité dans cette situation. Elle demande aux pays candidats de diversifier leurs approvisionnements énergétiques, mais les projets d'interconnexion qu'elle finance dans la région accusent des années de retard, et le terminal de gaz naturel liquéfié le plus proche de la Morévie est saturé. Pour un gouvernement qui a connu des coupures de chauffage l'hiver dernier, la diversification prônée par Bruxelles reste largement théorique.",
      ),
      p(
        "Sur le plan juridique, la Commission dispose pourtant d'arguments. Le chapitre énergie de l'acquis communautaire impose des règles de concurrence, de séparation entre production et transport et d'accès des tiers aux réseaux. Un contrat de douze ans assorti d'un prix confidentiel et d'une clause d'exclusivité sur la future ligne électrique pourrait difficilement s'y conformer en l'état. La Commission pourrait donc exiger une renégociation comme condition de la poursuite des négociations.",
      ),
      h2('Trois scénarios pour la suite'),
      ol(
        "**L'accommodement** : Bruxelles traite l'accord comme un contrat commercial, obtient quelques aménagements techniques et évite une crise ouverte avec un pays candidat.",
        "**Le bras de fer** : la Commission gèle le chapitre énergie, voire l'ensemble des négociations, au risque de pousser davantage la Morévie vers son voisin.",
        "**Le veto intérieur** : le Parlement morévien, où la majorité est fragile, refuse de ratifier l'accord, et la question se règle dans la capitale morévienne plutôt qu'à Bruxelles.",
      ),
      p(
        "Quelle que soit l'issue, l'épisode illustre une réalité que l'élargissement européen ne peut plus ignorer : la promesse d'adhésion n'est un levier que si elle reste crédible. Lorsque l'attente se compte en décennies, les pays candidats cherchent ailleurs ce que l'Union tarde à leur offrir, et les puissances moyennes de la région l'ont parfaitement compris.",
      ),
    ),
    hero: {
      seed: 'pacte-karvala-analyse',
      motif: 'map',
      palette: 'international',
      alt: "Illustration évoquant une carte de l'Europe du Sud-Est traversée de lignes reliant plusieurs capitales",
      caption: "Le pacte de Karvala rebat les cartes dans une région candidate à l'élargissement européen.",
    },
    authors: ['julien-baraduc', 'irena-koval'],
    tags: ['Diplomatie', 'Union européenne', 'Énergie', 'Europe centrale et orientale'],
    when: ago(0, 5, 0),
  },
  {
    key: 'niches-fiscales',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Finances publiques',
    headline: 'Budget 2027 : pourquoi le débat sur les niches fiscales est devenu inévitable',
    lead: "Plus de 450 dispositifs, plus de 80 milliards d'euros de recettes en moins chaque année : les « dépenses fiscales » sont le grand angle mort des finances publiques. Avec une charge de la dette qui s'alourdit, elles ne pourront plus échapper à l'examen.",
    body: doc(
      p(
        "Chaque automne, le même rituel se répète. Le gouvernement présente son projet de budget, les parlementaires déposent des milliers d'amendements, et quelqu'un, quelque part, propose de « s'attaquer enfin aux niches fiscales ». Puis le débat s'éteint, les niches demeurent, et l'on recommence l'année suivante. Le budget 2027 pourrait faire exception, non par conviction, mais par nécessité arithmétique.",
      ),
      h2('Une dépense qui ne dit pas son nom'),
      p(
        "Une niche fiscale, que l'administration appelle « dépense fiscale », est une disposition qui réduit l'impôt d'une catégorie de contribuables par rapport à la règle générale : crédit d'impôt pour l'emploi d'un salarié à domicile, taux réduit de TVA dans la restauration, crédit d'impôt recherche pour les entreprises, exonération de certaines plus-values. Économiquement, c'est une dépense publique, mais elle n'apparaît pas comme telle dans les crédits votés par le Parlement.",
      ),
      p(
        "Le recensement annexé chaque année au projet de loi de finances compte **plus de 450 dispositifs**, pour un coût estimé supérieur à 80 milliards d'euros. Une partie importante de ces mesures n'a jamais fait l'objet d'une évaluation sérieuse, et le coût de certaines n'est même pas chiffré, faute de données.",
      ),
      figure({
        seed: 'niches-fiscales-graphique',
        motif: 'chart',
        palette: 'economie',
        alt: 'Illustration en forme de graphique à barres horizontales de longueurs inégales',
        caption: "Une poignée de dispositifs concentre l'essentiel du coût des dépenses fiscales.",
      }),
      h2("Pourquoi on n'y touche presque jamais"),
      p(
        "La difficulté est d'abord politique. Le coût d'une niche est diffus, réparti sur l'ensemble des contribuables ; son bénéfice est concentré sur un groupe identifiable, souvent organisé, qui sait défendre ses intérêts. Supprimer un dispositif, c'est mécontenter à coup sûr quelques centaines de milliers de personnes pour un gain que personne ne perçoit directement.",
      ),
      p(
        "Il serait pourtant faux de considérer toutes les niches comme des privilèges. Certaines remplissent leur fonction : le crédit d'impôt pour l'emploi à domicile, par exemple, a contribué à faire reculer le travail non déclaré dans les services à la personne. D'autres, en revanche, subsistent par inertie, des décennies après la disparition du problème qu'elles devaient résoudre. Tout l'enjeu est de distinguer les unes des autres.",
      ),
      h2("L'équation de 2027"),
      p(
        "Ce qui change cette année, c'est la contrainte. Le déficit public reste proche de 5 % du produit intérieur brut, et la charge d'intérêts de la dette, qui avait reculé pendant la décennie des taux bas, progresse à nouveau de plusieurs milliards d'euros par an. Pour revenir sous la barre des 3 % d'ici la fin de la décennie, il faudrait un effort de plusieurs dizaines de milliards, difficile à obtenir par les seules économies de dépenses dans une année préélectorale.",
      ),
      p(
        "Dans ce contexte, les dépenses fiscales offrent un gisement que l'on peut mobiliser sans augmenter les taux d'imposition, ce qui présente un avantage politique évident. Encore faut-il procéder avec méthode, faute de quoi l'opération se réduira, une fois de plus, à quelques coups de rabot symboliques.",
      ),
      h2('Trois règles de méthode'),
      ul(
        "**Une date d'expiration pour chaque dispositif** : toute niche nouvelle ou existante serait supprimée au bout de cinq ans, sauf décision expresse de la reconduire au vu d'une évaluation.",
        '**Une évaluation publique et indépendante** des vingt dispositifs les plus coûteux, avant le prochain budget, avec la publication des données utilisées.',
        "**Un plafonnement global plus strict**, qui limiterait l'avantage total qu'un même foyer peut tirer de l'ensemble des réductions et crédits d'impôt.",
      ),
      p(
        'Aucune de ces règles ne règle à elle seule le problème du déficit. Mais elles permettraient de sortir du rituel annuel pour entrer dans une logique de gestion. Ce serait déjà beaucoup.',
      ),
    ),
    hero: {
      seed: 'niches-fiscales',
      motif: 'chart',
      palette: 'economie',
      alt: 'Illustration abstraite de colonnes de pièces de monnaie de hauteurs différentes',
      caption: "Les dépenses fiscales représentent plus de 80 milliards d'euros par an.",
    },
    authors: ['thomas-le-goff', 'anne-sophie-kerbrat'],
    tags: ['Budget 2027', 'Institutions', 'Emploi'],
    when: ago(1, 6, 0),
  },
  {
    key: 'boite-a-outils-constitutionnelle',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Institutions',
    headline: "49.3, ordonnances, loi spéciale : le mode d'emploi d'une fin de législature sous tension",
    slug: '49-3-ordonnances-loi-speciale-mode-d-emploi-d-une-fin-de-legislature-sous-tension',
    lead: "Sans majorité absolue, à quelques mois de l'élection présidentielle, le gouvernement doit faire adopter son dernier budget. La Constitution lui offre plusieurs outils, aucun sans risque.",
    body: doc(
      p(
        "La Ve République a été conçue en 1958 pour qu'un gouvernement puisse gouverner même lorsqu'il ne dispose pas d'une majorité stable : c'était la leçon tirée de l'instabilité de la IVe République. Pendant des décennies, ces mécanismes de « parlementarisme rationalisé » sont restés un peu théoriques, faute d'occasion. Ce n'est plus le cas, et le budget 2027 pourrait les mettre à l'épreuve une fois encore.",
      ),
      h2('Le 49.3, toujours disponible pour le budget'),
      p(
        "L'article 49, alinéa 3, permet au Premier ministre d'engager la responsabilité de son gouvernement sur un texte : celui-ci est considéré comme adopté, sauf si une motion de censure est votée dans les vingt-quatre heures qui suivent son dépôt. Depuis la révision constitutionnelle de 2008, son usage est limité à un texte par session ordinaire, à une exception près, qui est essentielle ici : **les projets de loi de finances et de financement de la sécurité sociale** n'entrent pas dans ce quota.",
      ),
      p(
        "Le risque est connu. Pour être adoptée, une motion de censure doit réunir la majorité absolue des membres de l'Assemblée, soit 289 députés. Dans une assemblée fragmentée, ce seuil peut être atteint si les oppositions, même opposées entre elles, décident d'additionner leurs voix. Le gouvernement est alors renversé et le texte rejeté.",
      ),
      h2("L'ordonnance budgétaire, une arme jamais utilisée"),
      p(
        "L'article 47 de la Constitution prévoit que, si le Parlement ne s'est pas prononcé dans un délai de soixante-dix jours après le dépôt du projet de loi de finances, ses dispositions peuvent être mises en vigueur par ordonnance. Cette procédure n'a jamais servi. Elle suppose que le Parlement n'ait pas rejeté le texte : en cas de vote négatif, ou de censure du gouvernement, elle ne s'applique plus. Son usage, politiquement explosif, ferait en outre l'objet d'une contestation juridique immédiate.",
      ),
      h2('La loi spéciale, un filet de sécurité'),
      p(
        "Reste le dispositif prévu par la loi organique relative aux lois de finances : lorsque le budget ne peut être promulgué avant le début de l'année, le gouvernement peut demander au Parlement d'adopter une **loi spéciale** l'autorisant à continuer de percevoir les impôts existants. Les dépenses sont ensuite engagées par décret, dans la limite des « services votés », c'est-à-dire du minimum indispensable à la continuité de l'État.",
      ),
      p(
        "Ce mécanisme a été utilisé en décembre 2024, après la censure du gouvernement alors en place. Il a permis d'éviter une paralysie, mais il n'offre aucune marge : pas de mesure nouvelle, pas de revalorisation, pas d'investissement nouveau tant qu'un véritable budget n'est pas voté. C'est une solution d'attente, pas une politique.",
      ),
      h2('Et la dissolution ?'),
      p(
        "L'article 12 permet au président de la République de dissoudre l'Assemblée nationale, à condition qu'aucune dissolution ne soit intervenue dans l'année qui suit les dernières élections législatives. Juridiquement possible, l'hypothèse paraît politiquement peu vraisemblable à quelques mois d'une élection présidentielle qui, de toute façon, rebattra les cartes.",
      ),
      p(
        "En définitive, la Constitution ne manque pas d'outils. Ce qui lui manque, c'est ce qu'aucun texte ne peut produire : une culture du compromis parlementaire, habituelle chez la plupart de nos voisins européens, et encore balbutiante en France. Le budget 2027 dira si cette culture progresse ou si, une fois encore, la procédure l'emportera sur la négociation.",
      ),
    ),
    hero: {
      seed: 'boite-a-outils-constitutionnelle',
      motif: 'circles',
      palette: 'politique',
      alt: "Illustration abstraite d'arcs de cercle évoquant les travées d'un hémicycle",
      caption: 'La Constitution de 1958 offre au gouvernement plusieurs outils pour faire adopter un budget.',
    },
    authors: ['nadia-ferhat', 'helene-sarraute'],
    tags: ['Institutions', 'Budget 2027', 'Élection présidentielle 2027'],
    when: ago(3, 4, 0),
  },
];
