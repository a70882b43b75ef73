import type { BodyBlock, BodyDoc, InlineNode } from '../../articles/body/body-schema.ts';
import {
  CIRCUMSTANCES,
  CLAUSES,
  OBJECTS,
  OPENINGS,
  PLACES,
  QUOTES,
  SUBJECTS_PLURAL,
  SUBJECTS_SINGULAR,
  THEMES,
  VERBS,
} from './french-words.ts';
import type { Random } from './random.ts';

// French-like copy from the word lists: sentences of 12 to 40 words, paragraphs of 3 to 6
// sentences, bodies of the length each format has in a real news magazine.

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);
}

/** "le gouvernement défend la réforme des retraites" with the verb agreeing with its subject. */
function clause(random: Random): string {
  const plural = random.chance(0.35);
  const subject = plural ? random.pick(SUBJECTS_PLURAL) : random.pick(SUBJECTS_SINGULAR);
  const verb = random.pick(VERBS)[plural ? 1 : 0];
  const object = random.pick(OBJECTS);
  if (verb.endsWith(' de')) return `${subject} ${verb.slice(0, -3)} ${contract(object, 'de')}`;
  if (verb.endsWith(' à')) return `${subject} ${verb.slice(0, -2)} ${contract(object, 'à')}`;
  return `${subject} ${verb} ${object}`;
}

/** "de" + "le budget" → "du budget", "à" + "les aides" → "aux aides", "de" + "une baisse" → "d’une baisse". */
function contract(object: string, preposition: 'de' | 'à'): string {
  const [article, ...rest] = object.split(' ');
  const noun = rest.join(' ');
  if (preposition === 'de') {
    if (article === 'le') return `du ${noun}`;
    if (article === 'les') return `des ${noun}`;
    if (article === 'un' || article === 'une') return `d’${object}`;
    return `de ${object}`;
  }
  if (article === 'le') return `au ${noun}`;
  if (article === 'les') return `aux ${noun}`;
  return `à ${object}`;
}

/** One sentence, 12 to 40 words. */
export function sentence(random: Random): string {
  const parts: string[] = [];
  const opening = random.chance(0.45) ? random.pick(OPENINGS) : '';
  const main = clause(random);
  parts.push(opening ? `${opening} ${main}` : capitalise(main));
  if (random.chance(0.6)) parts.push(random.pick(CIRCUMSTANCES));
  if (random.chance(0.5)) parts.push(random.pick(CLAUSES));
  if (random.chance(0.2)) parts.push(`à ${random.pick(PLACES)}`);
  const text = parts.join(', ');
  return `${capitalise(text)}${random.chance(0.06) ? ' ?' : '.'}`;
}

/** A paragraph of `count` sentences. */
export function paragraphText(random: Random, count = random.int(3, 6)): string {
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) sentences.push(sentence(random));
  return sentences.join(' ');
}

/** "Budget : le gouvernement défend la réforme des retraites" */
export function headline(random: Random): string {
  const main = capitalise(clause(random));
  const shape = random.int(0, 3);
  if (shape === 0) return `${random.pick(THEMES)} : ${clause(random)}`;
  if (shape === 1) return `À ${random.pick(PLACES)}, ${clause(random)}`;
  if (shape === 2) return `${main} ${random.pick(CIRCUMSTANCES)}`;
  return main;
}

/** The lead (chapô): two sentences. */
export function lead(random: Random): string {
  return `${sentence(random)} ${sentence(random)}`;
}

/** Paragraph count of a body per format: a dépêche is a few lines, an analysis a long read. */
export const PARAGRAPHS: Record<string, [number, number]> = {
  depeche: [2, 3],
  pepite: [2, 3],
  actualite: [5, 9],
  decryptage: [12, 22],
  chronique: [6, 10],
  video: [2, 4],
  podcast: [2, 4],
};

function textNode(text: string, random: Random): InlineNode[] {
  // Now and then a few words in bold or italics, as editors do.
  if (!random.chance(0.15)) return [{ type: 'text', text }];
  const cut = text.indexOf(', ');
  if (cut < 8) return [{ type: 'text', text }];
  return [
    { type: 'text', text: text.slice(0, cut), marks: [{ type: random.chance(0.5) ? 'bold' : 'italic' }] },
    { type: 'text', text: text.slice(cut) },
  ];
}

/**
 * A body in the real body schema: paragraphs, intertitles every few paragraphs in long pieces, a
 * quotation, sometimes a list or an image (one of `imageIds`).
 */
export function body(random: Random, format: string, imageIds: readonly number[], speakers: readonly string[]): BodyDoc {
  const [min, max] = PARAGRAPHS[format] ?? [4, 8];
  const count = random.int(min, max);
  const content: BodyBlock[] = [];
  for (let i = 0; i < count; i++) {
    if (count >= 8 && i > 0 && i % 4 === 0) {
      content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: capitalise(random.pick(OBJECTS)) }] });
    }
    content.push({ type: 'paragraph', content: textNode(paragraphText(random), random) });
    if (i === 2 && count >= 5 && random.chance(0.5)) {
      content.push({
        type: 'quote',
        attrs: { speaker: random.pick(speakers), role: null, lang: null },
        content: [{ type: 'paragraph', content: [{ type: 'text', text: random.pick(QUOTES) }] }],
      });
    }
    if (i === 4 && count >= 8 && random.chance(0.3)) {
      content.push({
        type: 'bulletList',
        content: [0, 1, 2].map(() => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence(random) }] }],
        })),
      });
    }
    if (i === 1 && count >= 8 && imageIds.length > 0 && random.chance(0.25)) {
      content.push({ type: 'image', attrs: { imageId: random.pick(imageIds), caption: sentence(random), size: null } });
    }
  }
  return { type: 'doc', content };
}
