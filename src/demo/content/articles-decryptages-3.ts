import { doc, h2, p, quote, ul } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { ago } from '../schedule.ts';

/** Long analyses (décryptages) on electricity networks and school dropout, written by outside experts. */
export const DECRYPTAGES_PART_3: DemoArticle[] = [
  {
    key: 'reseaux-electriques',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Énergie',
    headline: "Réseaux électriques : l'Europe peut-elle passer l'hiver sans nouveaux câbles ?",
    lead: "On parle beaucoup de production, éolienne, solaire ou nucléaire. On parle moins des réseaux qui transportent l'électricité, alors qu'ils sont devenus le principal goulet d'étranglement de la transition énergétique européenne.",
    body: doc(
      p(
        "Un hiver sans coupure dépend de trois choses : produire assez, consommer raisonnablement, et acheminer l'électricité là où elle est demandée, au moment où elle l'est. Les deux premières occupent l'essentiel du débat public. La troisième, moins spectaculaire, est pourtant celle qui inquiète le plus les ingénieurs.",
      ),
      h2('Un réseau pensé pour un autre système'),
      p(
        "Les grands réseaux de transport européens ont été construits entre les années 1950 et 1980, autour de grosses centrales thermiques et nucléaires situées près des bassins de consommation ou des cours d'eau. La production renouvelable, elle, est dispersée et souvent éloignée des villes : éoliennes en mer du Nord, parcs solaires dans le sud de l'Europe, barrages dans les Alpes et en Scandinavie. Il faut donc transporter davantage d'électricité, sur de plus longues distances, avec des flux qui changent de sens au fil des heures.",
      ),
      p(
        'Les gestionnaires de réseau le savent et investissent massivement. Mais une ligne à haute tension demande en moyenne dix ans entre les premières études et la mise en service, dont une large part consacrée aux procédures et aux concertations locales. Les besoins, eux, se comptent en années.',
      ),
      h2('Le coût caché des congestions'),
      p(
        "Lorsque le réseau ne peut pas absorber toute la production disponible, les gestionnaires doivent demander à certaines installations de réduire leur production et à d'autres, mieux placées, de l'augmenter. Ces opérations de « redispatching » coûtent chaque année plusieurs milliards d'euros à l'échelle européenne, payés in fine par les consommateurs. Il arrive ainsi que des éoliennes soient mises à l'arrêt par grand vent, faute de lignes pour évacuer leur électricité.",
      ),
      p(
        "Les interconnexions entre pays jouent un rôle décisif. L'Union s'est fixé l'objectif que chaque État membre puisse échanger avec ses voisins au moins 15 % de sa capacité de production d'ici 2030. Plusieurs pays, notamment dans la péninsule Ibérique, en restent loin, ce qui limite leur capacité à exporter leurs surplus solaires comme à importer en cas de besoin.",
      ),
      h2('Les leçons de la panne ibérique'),
      p(
        "La panne géante qui a privé l'Espagne et le Portugal d'électricité pendant plusieurs heures, au printemps 2025, a servi d'avertissement. Les enquêtes menées ensuite ont mis en évidence des difficultés de contrôle de la tension et rappelé qu'un système électrique moderne ne se résume pas à des kilowattheures : il exige des services de stabilité que les anciennes centrales fournissaient naturellement et qu'il faut désormais organiser explicitement.",
      ),
      h2('Ce qui peut être fait dès cet hiver'),
      p('Faute de pouvoir construire des lignes en quelques mois, plusieurs leviers sont mobilisables rapidement :'),
      ul(
        '**les batteries de grande capacité**, installées près des postes saturés, qui absorbent les pointes de production et les restituent aux heures de forte demande ;',
        '**le pilotage de la consommation**, en rémunérant les industriels et les particuliers qui acceptent de décaler certains usages ;',
        "**l'optimisation des lignes existantes**, grâce à des capteurs qui mesurent en temps réel leur capacité réelle, souvent supérieure à la capacité théorique par temps froid et venteux.",
      ),
      p(
        "Ces solutions ne remplaceront pas les nouveaux câbles. Mais elles permettent de gagner du temps, à un coût bien inférieur à celui des congestions. Le véritable risque, pour l'hiver qui vient comme pour les suivants, n'est pas de manquer d'électricité : c'est de ne pas savoir l'acheminer.",
      ),
    ),
    hero: {
      seed: 'reseaux-electriques',
      motif: 'grid',
      palette: 'economie',
      alt: "Illustration d'un maillage de lignes reliant des nœuds, évoquant un réseau électrique",
      caption: "Les réseaux de transport d'électricité sont devenus le goulet d'étranglement de la transition énergétique.",
    },
    authors: ['laurent-dufresne-ambal'],
    tags: ['Énergie', 'Union européenne', 'Climat'],
    when: ago(8, 2, 0),
  },
  {
    key: 'decrochage-scolaire',
    format: 'decryptage',
    section: 'decryptages',
    kicker: 'Éducation',
    headline: 'Décrochage scolaire : ce que les chiffres ne disent pas',
    lead: 'Le nombre de jeunes qui quittent le système scolaire sans diplôme a nettement reculé en vingt ans. Derrière cette bonne nouvelle statistique, des enquêtes de terrain révèlent des formes de décrochage plus discrètes, et plus difficiles à combattre.',
    body: doc(
      p(
        "Sur le papier, la bataille contre le décrochage scolaire est en passe d'être gagnée. La part des jeunes qui sortent du système éducatif sans diplôme du second cycle a sensiblement baissé depuis le début des années 2000, et la France se situe désormais sous la moyenne européenne. Les plateformes de suivi, l'obligation de formation jusqu'à 18 ans et la multiplication des dispositifs de « raccrochage » y sont pour beaucoup.",
      ),
      p(
        "Mais les enquêtes que nous menons depuis plusieurs années dans des collèges et des lycées professionnels invitent à nuancer ce tableau. Le décrochage n'a pas disparu : il a changé de forme.",
      ),
      h2("Le décrochage de l'intérieur"),
      p(
        "La figure classique du décrocheur, l'élève qui cesse de venir en cours, n'est plus la plus fréquente. Nous observons davantage d'élèves présents physiquement mais absents scolairement : ils viennent, s'assoient au fond de la classe, ne rendent plus de devoirs et attendent la fin de l'année. Les enseignants parlent de « décrochage silencieux ». Ces élèves échappent aux statistiques, puisqu'ils restent inscrits et obtiennent parfois un diplôme, mais leurs acquis réels sont très fragiles.",
      ),
      quote(
        'Un professeur de lycée professionnel',
        'interrogé lors de notre enquête',
        'Ils ne font pas de bruit, ils ne posent pas de problème de discipline, alors on ne les voit pas. Et quand on les voit enfin, en général au conseil de classe du troisième trimestre, il est trop tard pour rattraper quoi que ce soit.',
      ),
      h2("L'orientation subie, première cause"),
      p(
        "Le point commun de la plupart de ces parcours est une orientation vécue comme une relégation. Un élève affecté dans une filière qu'il n'a pas choisie, parfois dans un établissement éloigné de son domicile, a bien plus de risques de décrocher qu'un autre, à niveau scolaire comparable. Or, dans certains territoires, l'offre de formation est si réduite que le « choix » se limite à deux ou trois spécialités.",
      ),
      p(
        'Le moment critique se situe souvent à la fin de la classe de troisième. Une affectation décidée en quelques semaines, sur la base de notes et de places disponibles, engage pourtant plusieurs années de scolarité. Dans nos entretiens, de nombreux élèves de lycée professionnel racontent avoir découvert leur spécialité le jour de la rentrée.',
      ),
      p(
        "Les inégalités territoriales jouent ici à plein. Dans les zones rurales et les petites villes, l'éloignement des établissements, le coût des transports et la rareté des internats réduisent les possibilités. Dans les quartiers populaires des grandes villes, c'est la concentration des difficultés dans quelques établissements qui pèse sur les trajectoires.",
      ),
      h2('Ce qui fonctionne'),
      p("Les dispositifs efficaces ont en commun de repérer tôt et d'agir vite. Trois leviers ressortent de nos observations :"),
      ul(
        'un **adulte référent** identifié pour chaque élève repéré comme fragile, qui le voit régulièrement et non seulement en cas de problème ;',
        "des **passerelles réelles** entre filières en cours d'année, pour corriger une orientation mal vécue sans attendre la rentrée suivante ;",
        'des **liens avec les entreprises et les associations** du territoire, qui redonnent un sens concret aux apprentissages.',
      ),
      p(
        "Aucun de ces leviers n'est coûteux au regard de ce que coûte, pour la collectivité comme pour l'individu, une sortie précoce du système scolaire. Ils supposent en revanche du temps, de la stabilité dans les équipes et une attention portée à ce que les statistiques ne mesurent pas.",
      ),
    ),
    hero: {
      seed: 'decrochage-scolaire',
      motif: 'circles',
      palette: 'societe',
      alt: "Illustration abstraite d'un cercle qui se détache d'un groupe de cercles alignés",
      caption: 'Le décrochage scolaire a reculé en vingt ans, mais il a changé de forme.',
    },
    authors: ['karim-benali-roux'],
    tags: ['Éducation', 'Collectivités locales', 'Emploi'],
    when: ago(9, 3, 0),
  },
];
