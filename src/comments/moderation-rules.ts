import type { Db } from '../core/db/database.ts';
import { findListedWords, foldedKey } from '../core/text/loose-match.ts';
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
export const BURST = { count: 4, windowMs: 10 * 60_000 };
/** The same text posted within this window is "repeated". */
export const REPEAT_WINDOW_MS = 24 * 3600_000;

/**
 * What the rules need from the database, read with the article in one statement
 * (comment-repository.ts, commentFacts): the word lists, and the reader's history.
 */
export interface RuleFacts {
  bannedWords: string[];
  suspectWords: string[];
  /** The reader already has a published comment (other than the one edited). */
  hasApproved: boolean;
  /** Comments with the same folded text in the last 24 hours. */
  repeated: number;
  /** Comments by this reader or from this address in the burst window. */
  burst: number;
  /** The spam model has learnt enough decisions to score (spam-model.ts). */
  spamModelReady: boolean;
}

/**
 * The rules a comment passes before anyone sees it, in order. Banned words refuse it at once
 * (the reader is told why, nothing is stored); the others send it to the moderators' queue,
 * each one logged; a comment no rule holds back is published (post-moderation). Only the spam
 * score may read the database, and only once the model is trained.
 */
export async function applyRules(
  db: Db,
  facts: RuleFacts,
  input: { text: string; proof: ProofResult; premoderation: boolean; spamThreshold: number },
): Promise<RulesVerdict> {
  const bannedFound = findListedWords(input.text, facts.bannedWords);
  if (bannedFound.length)
    return {
      outcome: 'reject',
      message:
        'Votre commentaire contient des mots que nos règles de discussion interdisent (insultes, propos haineux ou menaces). Reformulez-le.',
      hits: [{ rule: 'mots-interdits', detail: bannedFound.join(', ') }],
    };
  const hits: RuleHit[] = [];
  const suspectFound = findListedWords(input.text, facts.suspectWords);
  if (suspectFound.length) hits.push({ rule: 'mots-suspects', detail: suspectFound.join(', ') });
  const links = linksIn(input.text);
  if (links.length) hits.push({ rule: 'liens', detail: links.slice(0, 3).join(' ') });
  if (!facts.hasApproved) hits.push({ rule: 'premier-commentaire', detail: 'aucun commentaire publié auparavant' });
  if (facts.repeated > 0 && foldedKey(input.text).length > 0) hits.push({ rule: 'texte-repete', detail: `${facts.repeated} fois en 24 h` });
  if (facts.burst >= BURST.count) hits.push({ rule: 'rafale', detail: `${facts.burst} commentaires en 10 min` });
  const spamScore = facts.spamModelReady ? await spamProbability(db, input.text) : null;
  if (spamScore !== null && spamScore >= input.spamThreshold) hits.push({ rule: 'score-spam', detail: spamScore.toFixed(2) });
  if (input.proof === 'missing') hits.push({ rule: 'sans-preuve', detail: 'envoyé sans JavaScript' });
  if (input.premoderation) hits.push({ rule: 'pre-moderation', detail: 'chaque commentaire est lu avant publication' });
  return { outcome: hits.length ? 'queue' : 'publish', hits, spamScore };
}
