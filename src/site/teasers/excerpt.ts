/**
 * A short excerpt of plain text for cards: whole sentences when they fit (at least half the
 * room), else cut between words with an ellipsis, never after a stray punctuation mark ("court.…").
 */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max);
  let sentenceEnd = -1;
  for (const match of head.matchAll(/[.!?…»](?= )/g)) sentenceEnd = match.index + 1;
  if (sentenceEnd >= max / 2) return head.slice(0, sentenceEnd);
  const space = head.lastIndexOf(' ');
  const cut = space > max / 2 ? head.slice(0, space) : head.slice(0, max - 1);
  return `${cut.replace(/[\s.,;:!?«–—-]+$/u, '')}…`;
}
