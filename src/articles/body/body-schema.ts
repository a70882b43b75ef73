/**
 * The article body: a Tiptap/ProseMirror JSON document, validated by an allow-list.
 *
 * Every node type, mark and attribute is listed here; anything else (a pasted <script>, a
 * `javascript:` link, a mark the editor does not offer) is refused, not dropped silently, so the
 * editor learns about it. Size limits are checked by a cheap walk before zod sees the input, so a
 * hostile document cannot make validation itself slow or recurse deeply.
 */
import { z } from 'zod';
import { AppError } from '../../core/http/app-error.ts';
import { isSafeHref } from './safe-href.ts';
import { jsonId } from '../../core/input/ids.ts';

export const BODY_LIMITS = {
  /** Nodes of every kind, text nodes included. A long analysis is a few hundred. */
  maxNodes: 2000,
  /** Nesting of nodes below the doc: list › item › list › item › list › item › paragraph › text. */
  maxDepth: 10,
  maxTextNodeLength: 10_000,
  maxTotalTextLength: 200_000,
} as const;

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BCP47 = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^[1-9][0-9]{0,11}$/;
const DAILYMOTION_ID = /^x[a-z0-9]{4,12}$/;
/** A same-site media path; no segment may start with a dot, which rules out "..". */
const MEDIA_PATH = /^\/media\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
export { isSafeHref };

const plainText = (max: number, what: string) =>
  z
    .string()
    .max(max, { error: `${what} : ${max} caractères au plus` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: `${what} : caractère de contrôle interdit` });

const requiredText = (max: number, what: string) =>
  plainText(max, what).refine((value) => value.trim() !== '', { error: `${what} : obligatoire` });

/* ------------------------------------------------------------------ marks and inline nodes */

const boldMark = z.strictObject({ type: z.literal('bold') }).meta({ id: 'BodyMarkBold', description: 'Gras (<strong>).' });
const italicMark = z.strictObject({ type: z.literal('italic') }).meta({ id: 'BodyMarkItalic', description: 'Italique (<em>).' });
const linkMark = z
  .strictObject({
    type: z.literal('link'),
    // Tiptap's Link extension also serialises target, rel and class: accepted, then dropped, as the
    // renderer decides those itself (never target=_blank).
    attrs: z
      .strictObject({
        href: z.string().max(2048, { error: 'Lien trop long' }).refine(isSafeHref, {
          error: 'Lien non autorisé : seuls http(s)://, mailto:, /chemin et #ancre sont acceptés',
        }),
        target: z.string().max(20).nullish(),
        rel: z.string().max(100).nullish(),
        class: z.string().max(100).nullish(),
      })
      .transform(({ href }) => ({ href })),
  })
  .meta({
    id: 'BodyMarkLink',
    description: 'Lien : http(s)://, mailto:, /chemin du site ou #ancre. target, rel et class sont acceptés puis ignorés.',
  });
const markSchema = z.discriminatedUnion('type', [boldMark, italicMark, linkMark]);
const marksSchema = z
  .array(markSchema)
  .max(3)
  .refine((marks) => new Set(marks.map((mark) => mark.type)).size === marks.length, {
    error: 'Le même style est appliqué deux fois',
  })
  .optional();

const textNode = z
  .strictObject({
    type: z.literal('text'),
    text: plainText(BODY_LIMITS.maxTextNodeLength, 'Texte').min(1, { error: 'Texte vide' }),
    marks: marksSchema,
  })
  .meta({ id: 'BodyText', description: 'Texte (non vide), avec au plus un de chaque style (marks).' });
const hardBreakNode = z
  .strictObject({ type: z.literal('hardBreak'), marks: marksSchema })
  .meta({ id: 'BodyHardBreak', description: 'Retour à la ligne dans un paragraphe (<br>).' });
const inlineSchema = z.discriminatedUnion('type', [textNode, hardBreakNode]);

/* ------------------------------------------------------------------ blocks */

const paragraphNode = z
  .strictObject({
    type: z.literal('paragraph'),
    // Tiptap writes an empty paragraph without `content`.
    content: z.array(inlineSchema).optional(),
  })
  .meta({ id: 'BodyParagraph', description: 'Paragraphe ; sans content, il est vide (ignoré à l’affichage).' });

const headingNode = z
  .strictObject({
    type: z.literal('heading'),
    attrs: z.strictObject({
      level: z.literal([2, 3], { error: 'Intertitre : niveau 2 ou 3 seulement (le titre de l’article est le seul h1)' }),
    }),
    content: z.array(inlineSchema).optional(),
  })
  .meta({ id: 'BodyHeading', description: 'Intertitre de niveau 2 ou 3 (le titre de l’article est le seul h1).' });

const quoteNode = z
  .strictObject({
    type: z.literal('quote'),
    attrs: z
      .strictObject({
        // Optional: French press often quotes someone unnamed ("un diplomate européen", in role) or no one.
        speaker: plainText(200, 'Citation : auteur de la citation').nullish(),
        role: plainText(300, 'Citation : qualité').nullish(),
        lang: z.string().max(35).regex(BCP47, { error: 'Citation : code de langue invalide (ex. « en », « de-CH »)' }).nullish(),
      })
      // A quotation nobody signs may leave attrs out.
      .default({}),
    content: z.array(paragraphNode).min(1, { error: 'Citation vide' }),
  })
  .meta({
    id: 'BodyQuote',
    description:
      'Citation : un ou plusieurs paragraphes. speaker (qui parle) et role (sa qualité) sont facultatifs : sans eux, aucune ligne d’attribution ; role seul pour une source non nommée (« un diplomate européen »). lang pour une citation dans une autre langue.',
  });

const listItemNode = z
  .strictObject({
    type: z.literal('listItem'),
    get content() {
      return z.array(z.discriminatedUnion('type', [paragraphNode, bulletListNode, orderedListNode])).min(1);
    },
  })
  .meta({ id: 'BodyListItem', description: 'Élément de liste : paragraphes et listes imbriquées.' });

const bulletListNode = z
  .strictObject({
    type: z.literal('bulletList'),
    get content(): z.ZodArray<typeof listItemNode> {
      return z.array(listItemNode).min(1, { error: 'Liste vide' });
    },
  })
  .meta({ id: 'BodyBulletList', description: 'Liste à puces.' });

const orderedListNode = z
  .strictObject({
    type: z.literal('orderedList'),
    // Tiptap's OrderedList serialises { start, type }.
    attrs: z
      .strictObject({
        start: z.int().min(0).max(1_000_000).nullish(),
        type: z.enum(['1', 'a', 'A', 'i', 'I']).nullish(),
      })
      .optional(),
    get content(): z.ZodArray<typeof listItemNode> {
      return z.array(listItemNode).min(1, { error: 'Liste vide' });
    },
  })
  .meta({ id: 'BodyOrderedList', description: 'Liste numérotée (start : premier numéro ; type : 1, a, A, i ou I).' });

const imageNode = z
  .strictObject({
    type: z.literal('image'),
    attrs: z.strictObject({
      imageId: jsonId('Image : identifiant invalide'),
      caption: plainText(1000, 'Image : légende').nullish(),
      size: z.enum(['inline', 'wide']).nullish(),
    }),
  })
  .meta({
    id: 'BodyImage',
    description:
      'Image de la médiathèque (imageId) ; son crédit et son texte alternatif sont ceux de la médiathèque. caption remplace la légende.',
  });

const embedTitle = requiredText(300, 'Intégration : titre');
const embedNode = z
  .strictObject({
    type: z.literal('embed'),
    attrs: z.discriminatedUnion('provider', [
      z.strictObject({
        provider: z.literal('youtube'),
        id: z.string().regex(YOUTUBE_ID, { error: 'YouTube : identifiant de vidéo invalide' }),
        title: embedTitle,
      }),
      z.strictObject({
        provider: z.literal('vimeo'),
        id: z.string().regex(VIMEO_ID, { error: 'Vimeo : identifiant de vidéo invalide' }),
        title: embedTitle,
      }),
      z.strictObject({
        provider: z.literal('dailymotion'),
        id: z.string().regex(DAILYMOTION_ID, { error: 'Dailymotion : identifiant de vidéo invalide (ex. « x8j2k4q »)' }),
        title: embedTitle,
      }),
      z.strictObject({
        provider: z.literal('audio'),
        src: z.string().max(500).regex(MEDIA_PATH, { error: 'Audio : chemin /media/… du site attendu' }),
        title: embedTitle,
      }),
    ]),
  })
  .meta({
    id: 'BodyEmbed',
    description:
      'Vidéo YouTube, Vimeo ou Dailymotion (id de la vidéo), ou son du site (src /media/…) ; rien n’est chargé d’un tiers avant un clic.',
  });

const horizontalRuleNode = z
  .strictObject({ type: z.literal('horizontalRule') })
  .meta({ id: 'BodyHorizontalRule', description: 'Séparateur (<hr>).' });

const blockSchema = z.discriminatedUnion('type', [
  paragraphNode,
  headingNode,
  quoteNode,
  bulletListNode,
  orderedListNode,
  imageNode,
  embedNode,
  horizontalRuleNode,
]);

export const bodyDocSchema = z
  .strictObject({
    type: z.literal('doc'),
    content: z.array(blockSchema),
  })
  .meta({
    description:
      'Le corps d’un article : document Tiptap/ProseMirror { type: "doc", content: [blocs] }. Tout type de nœud, style ou attribut absent de ce schéma est refusé (422), jamais ignoré en silence.',
  });

export type BodyDoc = z.infer<typeof bodyDocSchema>;
export type BodyBlock = z.infer<typeof blockSchema>;
export type InlineNode = z.infer<typeof inlineSchema>;
export type TextMark = z.infer<typeof markSchema>;
export type ParagraphNode = z.infer<typeof paragraphNode>;
export type ListNode = z.infer<typeof bulletListNode> | z.infer<typeof orderedListNode>;
export type ListItemNode = z.infer<typeof listItemNode>;
export type EmbedAttrs = z.infer<typeof embedNode>['attrs'];

/** An empty body, as the editor starts. */
export const EMPTY_BODY: BodyDoc = { type: 'doc', content: [] };

/** Validates an article body; throws AppError('validation_failed', 422) with a French message. */
export function parseBody(json: unknown): BodyDoc {
  checkSize(json);
  const result = bodyDocSchema.safeParse(json, { error: frenchIssueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  throw new AppError(
    'validation_failed',
    422,
    `Le corps de l’article est invalide${first.path ? ` (${first.path})` : ''} : ${first.message}`,
    { details: issues },
  );
}

/** Walks the raw input iteratively, refusing it before zod recurses if it is too big or too deep. */
function checkSize(json: unknown): void {
  let nodes = 0;
  let textLength = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: json, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const { content, text } = node as { content?: unknown; text?: unknown };
    if (typeof text === 'string') textLength += text.length;
    if (!Array.isArray(content)) continue;
    if (depth + 1 > BODY_LIMITS.maxDepth) {
      throw tooBig(`imbrication trop profonde (${BODY_LIMITS.maxDepth} niveaux au plus)`);
    }
    nodes += content.length;
    if (nodes > BODY_LIMITS.maxNodes) throw tooBig(`trop d’éléments (${BODY_LIMITS.maxNodes} au plus)`);
    for (const child of content) stack.push({ node: child, depth: depth + 1 });
  }
  if (textLength > BODY_LIMITS.maxTotalTextLength) {
    throw tooBig(`texte trop long (${BODY_LIMITS.maxTotalTextLength} caractères au plus)`);
  }
}

function tooBig(reason: string): AppError {
  return new AppError('validation_failed', 422, `Le corps de l’article est invalide : ${reason}`);
}

/** For a node or mark whose `type` the place does not accept: which it is, and the accepted ones. */
function unknownTypeMessage(issue: z.core.$ZodRawIssue): string | null {
  const options = (issue.inst as { options?: readonly z.ZodType[] } | undefined)?.options;
  const given = (issue.input as { type?: unknown } | null | undefined)?.type;
  if (!options) return null;
  const accepted = options
    .map((option) => (option as unknown as { shape?: { type?: { value?: unknown } } }).shape?.type?.value)
    .filter((value): value is string => typeof value === 'string');
  if (accepted.length === 0 || (typeof given === 'string' && accepted.includes(given))) return null;
  const what = typeof given === 'string' ? `type « ${given} » inconnu ici` : 'élément sans type';
  return `${what} ; types acceptés : ${accepted.join(', ')}`;
}

/** French wording for zod's built-in issues; messages written in the schema above take precedence. */
function frenchIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_union':
      return unknownTypeMessage(issue) ?? 'type d’élément inconnu ou mal formé';
    case 'unrecognized_keys':
      return `attribut non autorisé : ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return 'valeur non autorisée';
    case 'invalid_type':
      return issue.input === undefined ? 'champ obligatoire manquant' : 'type de valeur inattendu';
    case 'too_big':
      return 'trop long ou trop grand';
    case 'too_small':
      return 'trop court ou trop petit';
    default:
      return 'valeur invalide';
  }
}

export { bodyToPlainText, collectImageIds, wordCount } from './body-text.ts';
