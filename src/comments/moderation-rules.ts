import type { Db } from '../core/db/database.ts';
import { findListedWords, foldedKey } from '../core/text/loose-match.ts';
import { readModerationList } from '../readers/moderation-lists.ts';
import type { ProofResult } from '../readers/proof-of-work.ts';
import { linksIn } from './comment-text.ts';
import { spamProbability } from './spam-model.ts';

/** One rule's verdict, logged on the comment and shown on the moderation desk. */
export interface RuleHit {
  rule:
    | 'mots-interdits'
    | 'mots-suspects'
    | 'liens'
    | 'premier-commentaire'
    | 'texte-repete'
    | 'rafale'
    | 'score-spam'
    | 'sans-preuve'
    | 'pre-moderation'
    | 'classificateur';
  detail: string;
}

export const RULE_LABELS: Record<RuleHit['rule'], string> = {
  'mots-interdits': 'Mots interdits',
  'mots-suspects': 'Mots suspects',
  liens: 'Liens',
  'premier-commentaire': 'Premier commentaire du lecteur',
  'texte-repete': 'Texte répété',
  rafale: 'Rafale de commentaires',
  'score-spam': 'Score de spam',
  'sans-preuve': 'Sans vérification anti-robot',
  'pre-moderation': 'Article en pré-modération',
  classificateur: 'Classificateur externe',
};

export type RulesVerdict =
  | { outcome: 'reject'; message: string; hits: RuleHit[] }
  | { outcome: 'queue' | 'publish'; hits: RuleHit[]; spamScore: number | null };

/** Bursts: this many comments by one reader within the window go to the queue. */
const BURST = { count: 4, windowMs: 10 * 60_000 };

/**
 * The rules a comment passes before anyone sees it, in order. Banned words refuse it at once
 * (the reader is told why, nothing is stored); the others send it to the moderators' queue,
 * each one logged; a comment no rule holds back is published (post-moderation).
 */
export async function applyRules(
  db: Db,
  input: {
    text: string;
    readerId: number;
    ipHash: string;
    proof: ProofResult;
    premoderation: boolean;
    spamThreshold: number;
    now: Date;
    /** When editing: the comment itself does not count as repeated text or a burst. */
    excludeId?: number;
  },
): Promise<RulesVerdict> {
  const [banned, suspect] = await Promise.all([readModerationList(db, 'banned_words'), readModerationList(db, 'suspect_words')]);
  const bannedFound = findListedWords(input.text, banned);
  if (bannedFound.length)
    return {
      outcome: 'reject',
      message:
        'Votre commentaire contient des mots que nos règles de discussion interdisent (insultes, propos haineux ou menaces). Reformulez-le.',
      hits: [{ rule: 'mots-interdits', detail: bannedFound.join(', ') }],
    };
  const hits: RuleHit[] = [];
  const suspectFound = findListedWords(input.text, suspect);
  if (suspectFound.length) hits.push({ rule: 'mots-suspects', detail: suspectFound.join(', ') });
  const links = linksIn(input.text);
  if (links.length) hits.push({ rule: 'liens', detail: links.slice(0, 3).join(' ') });

  const key = foldedKey(input.text);
  const since = new Date(input.now.getTime() - 24 * 3600_000).toISOString();
  const burstSince = new Date(input.now.getTime() - BURST.windowMs).toISOString();
  const exclude = input.excludeId ?? -1;
  const [approved, repeated, burst] = await Promise.all([
    db
      .selectFrom('comments')
      .select('id')
      .where('reader_id', '=', input.readerId)
      .where('status', '=', 'visible')
      .where('id', '!=', exclude)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('body_key', '=', key)
      .where('created_at', '>', since)
      .where('id', '!=', exclude)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('reader_id', '=', input.readerId), eb('ip_hash', '=', input.ipHash)]))
      .where('created_at', '>', burstSince)
      .where('id', '!=', exclude)
      .executeTakeFirstOrThrow(),
  ]);
  if (!approved) hits.push({ rule: 'premier-commentaire', detail: 'aucun commentaire publié auparavant' });
  if (Number(repeated.n) > 0 && key.length > 0) hits.push({ rule: 'texte-repete', detail: `${Number(repeated.n)} fois en 24 h` });
  if (Number(burst.n) >= BURST.count) hits.push({ rule: 'rafale', detail: `${Number(burst.n)} commentaires en 10 min` });
  const spamScore = await spamProbability(db, input.text);
  if (spamScore !== null && spamScore >= input.spamThreshold) hits.push({ rule: 'score-spam', detail: spamScore.toFixed(2) });
  if (input.proof === 'missing') hits.push({ rule: 'sans-preuve', detail: 'envoyé sans JavaScript' });
  if (input.premoderation) hits.push({ rule: 'pre-moderation', detail: 'chaque commentaire est lu avant publication' });
  return { outcome: hits.length ? 'queue' : 'publish', hits, spamScore };
}
