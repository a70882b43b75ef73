import { doc, h2, p, ul } from '../body-dsl.ts';
import type { DemoPage } from '../demo-types.ts';

/** Static pages: about, newsletter, legal notice and accessibility statement. */
export const PAGES: DemoPage[] = [
  {
    slug: 'a-propos',
    kind: 'about',
    title: "Le Sextant, c'est qui, c'est quoi ?",
    lead: "Le Sextant est un magazine d'information en ligne indépendant. Son ambition : prendre un peu de recul sur l'actualité pour aider chacun à faire le point.",
    body: doc(
      p(
        "Le sextant est l'instrument qui permet au navigateur de mesurer la hauteur des astres et de savoir où il se trouve. C'est ce que nous voulons offrir à nos lecteurs : des repères, pour se situer dans le flot continu de l'information. Nous publions chaque jour des analyses, des sélections d'articles de la presse française et étrangère, des vidéos, des podcasts et un fil de dépêches.",
      ),
      h2("Une rédaction et des milliers d'experts"),
      p(
        "Le Sextant repose sur **une rédaction d'une quinzaine de journalistes** et sur un réseau d'**environ 2 500 contributeurs extérieurs** : économistes, juristes, diplomates, chercheurs, historiens, médecins, chefs d'entreprise, élus. Ils signent nos décryptages, seuls ou avec un journaliste de la rédaction, et nous aident à comprendre des sujets qui exigent une expertise de premier plan.",
      ),
      p(
        "Chaque contributeur est présenté avec sa fonction et son parcours, pour que le lecteur sache d'où il parle. Les liens d'intérêts pertinents sont mentionnés à la fin des articles.",
      ),
      h2('Nos formats'),
      ul(
        "**Décryptages** : des analyses longues pour comprendre ce qui se joue derrière l'actualité.",
        "**Pépites** : chaque jour, une sélection d'articles parus ailleurs, résumés, avec le nom et le lien de leur source.",
        "**Dossiers** : nos articles rassemblés autour d'un thème, dans un ordre de lecture choisi.",
        '**Rendez-vous** : des chroniques et des séries régulières.',
        "**Sextant-Light** : l'actualité culturelle et plus légère.",
        "**Vidéos** et **podcasts** : le temps de l'explication, en images et en son.",
        "**Dépêches** : l'essentiel de l'actualité en quelques lignes.",
      ),
      h2('Notre charte éditoriale'),
      ul(
        "Nous distinguons clairement les faits, l'analyse et l'opinion.",
        "Nous citons nos sources et renvoyons vers elles chaque fois que c'est possible.",
        'Nous corrigeons nos erreurs de façon visible, avec la date de la correction.',
        'Nous donnons la parole à des experts de sensibilités différentes.',
        "Nous n'acceptons aucun contenu publicitaire déguisé en article.",
      ),
      h2('Une publication de démonstration'),
      p(
        "*Le Sextant est une publication fictive, créée pour présenter le logiciel de publication Kiosque. Ses articles, ses auteurs, ses sources et certains des pays qu'elle évoque sont imaginaires ; toute ressemblance avec des personnes réelles serait fortuite.*",
      ),
    ),
  },
  {
    slug: 'newsletter',
    kind: 'newsletter',
    title: 'La newsletter du Sextant',
    lead: "Chaque matin, l'essentiel de l'actualité et une sélection de nos analyses, directement dans votre boîte aux lettres électronique.",
    body: doc(
      p(
        "La newsletter du Sextant paraît **du lundi au samedi, à 7 heures**. Elle rassemble en quelques minutes de lecture les informations à retenir, nos derniers décryptages et les Pépites du jour. Le vendredi, elle s'accompagne de la revue de presse étrangère « Vu d'ailleurs ».",
      ),
      h2('Ce que vous recevrez'),
      ul(
        'Les faits marquants de la veille et de la nuit, résumés en quelques lignes.',
        'Deux ou trois analyses de nos experts, pour aller plus loin.',
        'Les Pépites : les meilleurs articles repérés dans la presse française et étrangère.',
        'Nos nouveaux podcasts et vidéos.',
      ),
      h2('Vos données'),
      p(
        "Votre adresse ne sert qu'à l'envoi de la newsletter. Elle n'est ni vendue ni cédée. Nos messages ne contiennent aucun traceur, et chacun comporte un lien de désinscription qui prend effet immédiatement.",
      ),
      p(
        'Choisissez ci-dessous une ou plusieurs de nos newsletters : un message vous demandera de confirmer votre adresse, et rien ne partira avant ce clic. Une question ? Écrivez-nous à [newsletter@le-sextant.example](mailto:newsletter@le-sextant.example).',
      ),
    ),
  },
  {
    slug: 'mentions-legales',
    kind: 'legal',
    title: 'Mentions légales',
    lead: "Informations relatives à l'éditeur et à l'hébergeur du site, conformément à la loi pour la confiance dans l'économie numérique.",
    body: doc(
      h2('Éditeur'),
      p(
        "Le Sextant SAS (société fictive), au capital de 50 000 euros\n12, rue de l'Exemple, 75000 Paris\nContact : [contact@le-sextant.example](mailto:contact@le-sextant.example)",
      ),
      p('Directrice de la publication : Claire Montrieux, rédactrice en chef.'),
      h2('Hébergement'),
      p('Hébergement Exemple SAS (société fictive)\n1, avenue des Serveurs, 59000 Lille'),
      h2('Propriété intellectuelle'),
      p(
        "L'ensemble des contenus publiés sur ce site (textes, illustrations, vidéos, podcasts) est protégé par le droit d'auteur. Toute reproduction sans autorisation est interdite, à l'exception des courtes citations accompagnées de la mention de la source.",
      ),
      h2('Données personnelles'),
      p(
        "Le site ne dépose aucun traceur publicitaire. Les vidéos intégrées ne sont chargées qu'après un clic du lecteur. Pour toute question relative à vos données, ou pour exercer vos droits d'accès, de rectification et d'effacement, écrivez à [donnees@le-sextant.example](mailto:donnees@le-sextant.example). Vous pouvez également saisir la Commission nationale de l'informatique et des libertés.",
      ),
      p('*Le Sextant est une publication de démonstration du logiciel Kiosque : les informations ci-dessus sont fictives.*'),
    ),
  },
  {
    slug: 'accessibilite',
    kind: 'accessibility',
    title: "Déclaration d'accessibilité",
    lead: "Le Sextant s'engage à rendre son site accessible à toutes et à tous, conformément au référentiel général d'amélioration de l'accessibilité (RGAA).",
    body: doc(
      h2('État de conformité'),
      p(
        "Le site du Sextant est **partiellement conforme** avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1. Un audit complet par un organisme indépendant est programmé ; la présente déclaration sera mise à jour à son issue.",
      ),
      h2('Ce que nous avons mis en place'),
      ul(
        "Une navigation entièrement utilisable au clavier, avec un lien d'évitement vers le contenu.",
        'Des textes alternatifs pour toutes les images informatives.',
        'Des contrastes de couleurs conformes au niveau AA.',
        'Des transcriptions pour nos vidéos et des notes détaillées pour nos podcasts.',
        'Une structure de titres et de régions cohérente sur toutes les pages.',
      ),
      h2('Contenus non accessibles'),
      p(
        'Certaines vidéos intégrées depuis des plateformes tierces peuvent ne pas disposer de sous-titres synchronisés. Les transcriptions publiées sous chaque vidéo en restituent le contenu.',
      ),
      h2("Retour d'information et contact"),
      p(
        "Si vous rencontrez un défaut d'accessibilité qui vous empêche d'accéder à un contenu, écrivez-nous à [accessibilite@le-sextant.example](mailto:accessibilite@le-sextant.example) : nous vous répondrons et vous transmettrons le contenu sous une forme accessible.",
      ),
      h2('Voies de recours'),
      p(
        "Si vous nous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez saisir le Défenseur des droits, par son formulaire en ligne, auprès de l'un de ses délégués dans votre région, ou par courrier postal gratuit (Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).",
      ),
    ),
  },
];
