import { doc, h2, p } from '../body-dsl.ts';
import type { DemoArticle } from '../demo-types.ts';
import { weekly } from '../schedule.ts';

const MONDAY = 1;
const FRIDAY = 5;

/** Chroniques of the two rendez-vous series, dated on the weekday their cadence announces. */
export const CHRONIQUES: DemoArticle[] = [
  {
    key: 'lundi-ambassadeurs',
    format: 'chronique',
    section: 'rendez-vous',
    series: 'les-lundis-de-la-diplomatie',
    kicker: 'Les lundis de la diplomatie',
    headline: "Ce que font vraiment les ambassadeurs, et ce qu'ils ne font plus",
    lead: "On imagine le diplomate en homme de réception, porteur de messages secrets. La réalité du métier a bien changé, et pas toujours dans le sens que l'on croit.",
    body: doc(
      p(
        "On me demande souvent, lors des dîners où l'on finit toujours par m'interroger sur mon ancien métier, si les ambassadeurs servent encore à quelque chose. À l'heure où les chefs d'État se téléphonent directement et où les ministres s'envoient des messages instantanés, la question est légitime. Ma réponse tient en une phrase : l'ambassadeur ne sert plus à transmettre, il sert à comprendre.",
      ),
      p(
        "Il fut un temps où la valeur d'un diplomate tenait à l'information qu'il était seul à détenir. Une dépêche envoyée de Vienne ou de Belgrade pouvait mettre des jours à parvenir à Paris, et son contenu était souvent inédit. Aujourd'hui, n'importe quel analyste dispose en temps réel de la presse locale, des déclarations officielles et des réseaux sociaux. L'information est partout ; ce qui est rare, c'est son interprétation.",
      ),
      h2("L'art de la conversation longue"),
      p(
        "Ce qu'un ambassadeur peut offrir, et que nul autre ne peut offrir, c'est la fréquentation prolongée d'un pays. Les conversations répétées avec un ministre, un chef d'entreprise, un syndicaliste ou un évêque, sur plusieurs années, permettent de sentir ce qui ne s'écrit pas : une lassitude, une inquiétude, une ambition naissante. Dans mon dernier poste, j'ai compris qu'un gouvernement allait changer de cap bien avant que cela ne soit annoncé, simplement parce que trois de mes interlocuteurs habituels avaient cessé de me parler d'un certain projet.",
      ),
      p(
        "Ce travail est lent, peu spectaculaire, et se prête mal aux indicateurs de performance que les administrations affectionnent. C'est peut-être pourquoi il est régulièrement menacé par les réductions d'effectifs.",
      ),
      p(
        "Ce que les ambassadeurs ne font plus, en revanche, c'est négocier seuls. Les grands accords se concluent entre capitales, souvent au plus haut niveau, et l'ambassade prépare le terrain plutôt qu'elle ne conclut. Cela n'a rien d'humiliant : un bon accord est toujours le fruit d'une préparation patiente, et c'est là que se joue l'essentiel.",
      ),
      p(
        'La semaine prochaine, je vous raconterai comment se négocie, mot par mot, un communiqué commun. Vous ne lirez plus jamais ces textes de la même façon.',
      ),
    ),
    hero: {
      seed: 'lundi-ambassadeurs',
      motif: 'skyline',
      palette: 'international',
      alt: "Illustration de la façade d'une ambassade avec des drapeaux stylisés",
      caption: "Le métier d'ambassadeur a profondément changé en trente ans.",
    },
    authors: ['marc-antoine-delval'],
    tags: ['Diplomatie', 'Institutions', 'Union européenne'],
    when: weekly(MONDAY, 6, 30, 1),
  },
  {
    key: 'lundi-communique',
    format: 'chronique',
    section: 'rendez-vous',
    series: 'les-lundis-de-la-diplomatie',
    kicker: 'Les lundis de la diplomatie',
    headline: "L'art oublié du communiqué commun",
    lead: 'Ces textes que personne ne lit ont parfois demandé des nuits entières de négociation. Chaque adjectif y compte, et chaque silence aussi.',
    body: doc(
      p(
        "Le communiqué commun est le genre littéraire le plus méprisé qui soit. Les journalistes le résument en une ligne, les lecteurs l'ignorent, et les diplomates eux-mêmes en plaisantent volontiers. Pourtant, j'ai passé dans ma carrière plus de nuits blanches sur des communiqués que sur n'importe quel autre texte.",
      ),
      p(
        "La raison en est simple : un communiqué commun est un contrat. Ce qui y est écrit engage les deux parties, et ce qui n'y est pas écrit aussi. Lorsqu'un texte évoque des « discussions franches », chacun comprend que l'on s'est disputé. Lorsqu'il parle d'une « large convergence de vues », chacun comprend que l'accord n'est pas complet. Et lorsqu'un sujet attendu n'est pas mentionné du tout, c'est souvent le signe qu'il a fait l'objet du désaccord le plus profond.",
      ),
      h2('La bataille des virgules'),
      p(
        "Je me souviens d'une négociation où nous avons passé quatre heures sur une seule préposition. Fallait-il écrire que les deux pays coopéreraient « pour » la stabilité régionale, ou « en faveur de » celle-ci ? La nuance paraît dérisoire. Elle ne l'était pas : l'une des formulations pouvait être lue comme un engagement à agir, l'autre comme une simple intention.",
      ),
      p(
        "Ces batailles ont leurs règles. On commence par le texte le plus ambitieux, on concède sur la forme pour tenir sur le fond, et l'on garde toujours une formule de repli pour la dernière heure, quand la fatigue rend tout le monde plus conciliant. Les meilleurs négociateurs que j'ai connus avaient une mémoire exceptionnelle des textes précédents : ils savaient que toute formule nouvelle serait comparée aux anciennes.",
      ),
      p(
        "Alors, la prochaine fois que vous lirez un communiqué commun publié à l'issue d'un sommet, lisez-le lentement. Cherchez ce qui manque. Comparez-le au précédent. Vous y trouverez souvent plus d'informations que dans les conférences de presse qui l'accompagnent.",
      ),
    ),
    hero: {
      seed: 'lundi-communique',
      motif: 'grid',
      palette: 'international',
      alt: "Illustration d'une feuille de texte couverte d'annotations et de ratures",
      caption: "Chaque mot d'un communiqué commun fait l'objet d'une négociation.",
    },
    authors: ['marc-antoine-delval'],
    tags: ['Diplomatie', 'Médias', 'Institutions'],
    when: weekly(MONDAY, 6, 30, 0),
  },
  {
    key: 'vu-dailleurs-budget',
    format: 'chronique',
    section: 'rendez-vous',
    series: 'vu-d-ailleurs',
    kicker: "Vu d'ailleurs",
    headline: 'La France, son budget et ses éternels débats, vus par la presse étrangère',
    lead: "Cette semaine, les journaux européens se sont penchés sur le parcours du budget français à l'Assemblée. Entre perplexité et inquiétude, tour d'horizon.",
    body: doc(
      p(
        "Il est toujours instructif de se lire dans le regard des autres. Cette semaine, la discussion budgétaire française a fait l'objet de nombreux articles dans la presse européenne, avec un mélange de curiosité et d'inquiétude qui mérite d'être relevé.",
      ),
      p(
        "Outre-Rhin, le quotidien économique [Handelsblick](https://www.handelsblick.example/europa/frankreich-haushalt) s'étonne de la capacité française à « transformer chaque budget en feuilleton ». Le journal rappelle que la coalition allemande, elle aussi, peine à s'accorder, mais souligne que le débat y porte sur les priorités plutôt que sur la procédure.",
      ),
      p(
        "À Madrid, [El Observador](https://www.el-observador.example/internacional/francia-presupuesto) adopte un ton plus compréhensif. Le journal note que l'Espagne a elle-même vécu plusieurs années sans budget voté, en prorogeant le précédent, et que l'économie n'en a pas été paralysée. « Les Français dramatisent ce que d'autres gèrent », écrit son correspondant à Paris.",
      ),
      h2("L'inquiétude des marchés"),
      p(
        "Dans la presse financière anglophone, le ton est plus sévère. [Financial Chronicle](https://www.financial-chronicle.example/europe/france-budget-markets) consacre un éditorial à l'écart de taux entre la France et l'Allemagne, qui s'est légèrement creusé au fil des débats. Le journal juge la situation « sous contrôle, mais fragile », et s'interroge sur la capacité du prochain président à engager un redressement durable.",
      ),
      p(
        'Enfin, à Bruxelles, [La Gazette européenne](https://www.gazette-europeenne.example/economie/france-budget-regles-budgetaires) rappelle que la France reste soumise à une procédure pour déficit excessif, et que la Commission examinera son budget avec attention au printemps. Le journal cite un fonctionnaire européen qui résume : « Paris a toujours fini par voter un budget. La question est de savoir lequel. »',
      ),
      p('Rendez-vous vendredi prochain pour une nouvelle revue de la presse étrangère.'),
    ),
    hero: {
      seed: 'vu-dailleurs-budget',
      motif: 'grid',
      palette: 'neutral',
      alt: 'Illustration de plusieurs journaux étrangers disposés en éventail',
      caption: 'La presse européenne suit de près la discussion budgétaire française.',
    },
    authors: ['claire-montrieux'],
    tags: ['Budget 2027', 'Médias', 'Union européenne'],
    when: weekly(FRIDAY, 15, 0, 0),
  },
  {
    key: 'vu-dailleurs-hiver',
    format: 'chronique',
    section: 'rendez-vous',
    series: 'vu-d-ailleurs',
    kicker: "Vu d'ailleurs",
    headline: "L'Europe face à l'hiver énergétique, vue de Varsovie, Rome et Stockholm",
    lead: "Stocks de gaz, prix de l'électricité, réseaux saturés : à l'approche de l'hiver, la presse européenne s'interroge. Chaque pays voit la question à travers ses propres fragilités.",
    body: doc(
      p(
        "L'hiver approche, et avec lui une question que la presse européenne se pose chaque année depuis la crise énergétique : tiendrons-nous ? Les réponses diffèrent sensiblement d'une capitale à l'autre, et en disent long sur les situations nationales.",
      ),
      p(
        "En Pologne, le quotidien [Gazeta Codzienna](https://www.gazeta-codzienna.example/kraj/zima-energia) se montre plutôt rassurant. Le pays a fortement diversifié ses approvisionnements en gaz ces dernières années, et ses stocks sont pleins. Le journal s'inquiète davantage du coût du charbon et des quotas d'émission, qui pèsent sur les factures des ménages.",
      ),
      p(
        "En Italie, [Il Quotidiano Nazionale](https://www.quotidiano-nazionale.example/economia/inverno-bollette) consacre sa une à la hausse attendue des factures d'électricité. Le journal rappelle que le prix de l'électricité italienne reste l'un des plus élevés d'Europe, en raison de la place du gaz dans la production, et plaide pour une accélération des renouvelables dans le sud du pays.",
      ),
      h2('Le modèle nordique interrogé'),
      p(
        "En Suède, enfin, le débat porte sur une question inattendue : faut-il limiter les exportations d'électricité vers le reste de l'Europe ? [Nordisk Tidning](https://www.nordisk-tidning.example/ekonomi/elexport-vinter) relate la colère de consommateurs du sud du pays, qui paient leur électricité plus cher lorsque les interconnexions tirent les prix vers le haut. Le journal souligne le paradoxe d'un pays à l'électricité abondante dont les habitants se sentent pénalisés par le marché européen.",
      ),
      p(
        "Un point commun se dégage de ces lectures : partout, la question énergétique est devenue une question de solidarité européenne, que chacun juge à l'aune de ce qu'il donne et de ce qu'il reçoit.",
      ),
      p('Rendez-vous vendredi prochain pour une nouvelle revue de la presse étrangère.'),
    ),
    hero: {
      seed: 'vu-dailleurs-hiver',
      motif: 'map',
      palette: 'neutral',
      alt: "Illustration d'une carte de l'Europe parcourue de lignes évoquant des flux d'énergie",
      caption: "À l'approche de l'hiver, la presse européenne s'interroge sur la sécurité énergétique.",
    },
    authors: ['claire-montrieux'],
    tags: ['Énergie', 'Union européenne', 'Médias'],
    when: weekly(FRIDAY, 15, 0, 1),
  },
];
