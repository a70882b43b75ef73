import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fr, frenchTypography } from './typography.ts';

const N = '\u202F'; // narrow no-break space
const S = '\u00A0'; // no-break space

describe('frenchTypography', () => {
  it('puts a narrow no-break space before ; ! ?, replacing typed spaces or inserting one', () => {
    assert.equal(frenchTypography('Pourquoi ? Parce que ! Voilà ; fin'), `Pourquoi${N}? Parce que${N}! Voilà${N}; fin`);
    assert.equal(frenchTypography('Pourquoi? Parce que! Voilà; fin'), `Pourquoi${N}? Parce que${N}! Voilà${N}; fin`);
    assert.equal(frenchTypography(`Pourquoi${S}?`), `Pourquoi${N}?`);
    assert.equal(frenchTypography('Pourquoi   ?'), `Pourquoi${N}?`);
  });

  it('keeps ?! and ?? together instead of spacing each mark', () => {
    assert.equal(frenchTypography('Quoi ?! Non!? Hein??'), `Quoi${N}?! Non${N}!? Hein${N}??`);
  });

  it('puts a no-break space before a colon', () => {
    assert.equal(frenchTypography('Le constat : rien'), `Le constat${S}: rien`);
    assert.equal(frenchTypography('Le constat: rien'), `Le constat${S}: rien`);
    assert.equal(frenchTypography(`Le constat${N}: rien`), `Le constat${S}: rien`);
    assert.equal(frenchTypography('en 2026: la fin'), `en 2026${S}: la fin`);
  });

  it('leaves times, ratios and doubled colons alone', () => {
    const text = 'Rendez-vous à 8:05 ou 12:30:45, ratio 3:1, std::vector';
    assert.equal(frenchTypography(text), text);
  });

  it('leaves URLs and e-mail addresses untouched, but not the prose around them', () => {
    assert.equal(
      frenchTypography('Voir https://exemple.fr/a?b=1&c=2: bien? Et www.site.fr/x?y!'),
      `Voir https://exemple.fr/a?b=1&c=2${S}: bien${N}? Et www.site.fr/x?y${N}!`,
    );
    assert.equal(frenchTypography('mailto:jean@exemple.fr'), 'mailto:jean@exemple.fr');
    assert.equal(frenchTypography('Écrire à jean@exemple.fr: merci'), `Écrire à jean@exemple.fr${S}: merci`);
    assert.equal(frenchTypography("http://exemple.fr/l'article...x?a=b"), "http://exemple.fr/l'article...x?a=b");
    // sentence punctuation after a URL is prose
    assert.equal(frenchTypography("Lire http://exemple.fr/l'article..."), "Lire http://exemple.fr/l'article…");
  });

  it('does not break emoticons apart', () => {
    assert.equal(frenchTypography('super;) et génial:-D ou bien:) fin'), 'super;) et génial:-D ou bien:) fin');
  });

  it('turns straight quotes into guillemets with narrow no-break spaces', () => {
    assert.equal(frenchTypography('Il a dit "bonjour" hier.'), `Il a dit «${N}bonjour${N}» hier.`);
    assert.equal(frenchTypography('"Bonjour", dit-il.'), `«${N}Bonjour${N}», dit-il.`);
    assert.equal(frenchTypography('Il dit "Quoi"!'), `Il dit «${N}Quoi${N}»${N}!`);
    assert.equal(frenchTypography('("entre")'), `(«${N}entre${N}»)`);
  });

  it('leaves ambiguous straight quotes as typed', () => {
    assert.equal(frenchTypography('a"b'), 'a"b');
    assert.equal(frenchTypography('un " seul'), 'un " seul');
  });

  it('normalises the spaces inside existing guillemets', () => {
    assert.equal(frenchTypography('«Bonjour»'), `«${N}Bonjour${N}»`);
    assert.equal(frenchTypography('« Bonjour »'), `«${N}Bonjour${N}»`);
    assert.equal(frenchTypography(`«${S} Bonjour  »`), `«${N}Bonjour${N}»`);
  });

  it('uses the typographic apostrophe between letters, and before an opening quote', () => {
    assert.equal(frenchTypography("L'homme d'aujourd'hui"), 'L’homme d’aujourd’hui');
    assert.equal(frenchTypography('l\'"Europe"'), `l’«${N}Europe${N}»`);
    assert.equal(frenchTypography("les années '80"), "les années '80");
  });

  it('turns three dots into an ellipsis, but not longer runs of dots', () => {
    assert.equal(frenchTypography('Et alors... (...)'), 'Et alors… (…)');
    assert.equal(frenchTypography('Attendez....'), 'Attendez....');
  });

  it('turns a spaced hyphen into a spaced en dash, leaving compound words alone', () => {
    assert.equal(frenchTypography('Corée du Nord - Russie -- fin'), 'Corée du Nord – Russie – fin');
    assert.equal(frenchTypography('Kim Jong-un, peut-être'), 'Kim Jong-un, peut-être');
  });

  it('returns already correct text unchanged', () => {
    const correct = `«${N}Pourquoi${N}?${N}», demande-t-il${S}: l’État… – rien${N}!`;
    assert.equal(frenchTypography(correct), correct);
    assert.equal(frenchTypography('Texte sans ponctuation'), 'Texte sans ponctuation');
    assert.equal(frenchTypography(''), '');
  });

  it('is idempotent', () => {
    const samples = [
      'Pourquoi? Parce que! Voilà; fin: ok',
      'Il a dit "bonjour" hier... Puis "au revoir"!',
      "L'homme d'aujourd'hui - l'\"Europe\" ?!",
      'Voir https://exemple.fr/a?b=1: bien? www.x.fr/?q=1 ; à 8:05',
      '«  Bonjour  » ;) :-D',
      '" suite',
      'a"b " c',
    ];
    for (const sample of samples) {
      const once = frenchTypography(sample);
      assert.equal(frenchTypography(once), once, sample);
    }
  });

  it('uses the preceding character to handle text split by marks', () => {
    // "<strong>Vraiment</strong>?" and "<em>mot</em>: suite"
    assert.equal(frenchTypography('?', 't'), `${N}?`);
    assert.equal(frenchTypography(': suite', 't'), `${S}: suite`);
    // a time split by a mark stays a time
    assert.equal(frenchTypography(':05', '8'), ':05');
    // 'dit "' + <em>Le Monde</em> + '" hier'
    assert.equal(frenchTypography('dit "'), `dit «${N}`);
    assert.equal(frenchTypography('" hier', 'e'), `${N}» hier`);
    assert.equal(frenchTypography('"', ' '), `«${N}`);
    // a space before the node is no context: nothing is inserted
    assert.equal(frenchTypography('?', ' '), '?');
    assert.equal(frenchTypography("'homme", 'l'), '’homme');
  });

  it('exports fr as an alias', () => {
    assert.equal(fr, frenchTypography);
  });
});

describe('short texts kept by their value', () => {
  it('gives the same result the second time, and keeps the preceding character apart', () => {
    const headline = 'Faut-il taxer les "superprofits"? Le débat revient...';
    const once = fr(headline);
    assert.equal(once, 'Faut-il taxer les «\u202Fsuperprofits\u202F»\u202F? Le débat revient…');
    assert.equal(fr(headline), once);
    // A lone "?" after a word takes its space; at the start of a node it has none to take.
    assert.equal(frenchTypography('? suite', 'a'), '\u202F? suite');
    assert.equal(frenchTypography('? suite'), '? suite');
    assert.equal(frenchTypography('? suite', 'a'), '\u202F? suite');
    // Past the length kept, the same rules apply.
    const long = `${'Un paragraphe assez long : '.repeat(20)}fin!`;
    assert.equal(fr(long), fr(long));
    assert.ok(fr(long).endsWith('fin\u202F!'));
  });
});
