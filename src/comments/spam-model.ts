import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { foldedWords } from '../core/text/loose-match.ts';

/** The model says nothing until the moderators have decided this many comments of each kind. */
const MIN_EXAMPLES = 5;
/** The row of spam_tokens that counts the documents learned. */
const DOCS = '';

/** Words and word pairs of a text, folded, each once (a Bernoulli-style naive Bayes). */
export function features(text: string): string[] {
  const words = foldedWords(text).filter((w) => w.length > 1);
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return [...new Set([...words, ...pairs])].slice(0, 400);
}

/** Whether the model has learnt enough to speak, from its document counts (the row of token ''). */
export function spamModelReady(docs: { spam: number | null; ham: number | null }): boolean {
  return (docs.spam ?? 0) >= MIN_EXAMPLES && (docs.ham ?? 0) >= MIN_EXAMPLES;
}

/** The row of spam_tokens whose counts are the documents learnt (see spamModelReady). */
export const SPAM_DOCS_TOKEN = DOCS;

/**
 * A local naive Bayes classifier, learned only from this newsroom's own decisions (refused =
 * spam or abuse, approved = fine): the probability that a new comment would be refused, or null
 * while too few decisions are known. No text ever leaves the server.
 */
export async function spamProbability(db: Db, text: string): Promise<number | null> {
  const tokens = features(text);
  const rows = await db
    .selectFrom('spam_tokens')
    .select(['token', 'spam', 'ham'])
    .where('token', 'in', [DOCS, ...tokens])
    .execute();
  const docs = rows.find((r) => r.token === DOCS);
  if (!docs || !spamModelReady(docs)) return null;
  // Log-odds with Laplace smoothing: prior, then each known feature's evidence.
  let logOdds = Math.log(docs.spam / docs.ham);
  for (const r of rows) {
    if (r.token === DOCS) continue;
    const pSpam = (r.spam + 1) / (docs.spam + 2);
    const pHam = (r.ham + 1) / (docs.ham + 2);
    logOdds += Math.log(pSpam / pHam);
  }
  return 1 / (1 + Math.exp(-Math.max(-50, Math.min(50, logOdds))));
}

/** Learns one moderator decision: every feature of the text counts once for its class. */
export async function learnDecision(db: Db, text: string, refused: boolean): Promise<void> {
  const column = refused ? 'spam' : 'ham';
  for (const token of [DOCS, ...features(text)]) {
    await db
      .insertInto('spam_tokens')
      .values({ token, spam: refused ? 1 : 0, ham: refused ? 0 : 1 })
      .onConflict((oc) => oc.column('token').doUpdateSet({ [column]: sql`spam_tokens.${sql.ref(column)} + 1` }))
      .execute();
  }
}
