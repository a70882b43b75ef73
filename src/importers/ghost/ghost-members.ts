import type { Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import { foldedKey } from '../../core/text/loose-match.ts';
import { listActiveNewsletters, type NewsletterRow } from '../../newsletters/newsletter-repository.ts';
import { type IncomingSubscriber, subscribeImported } from '../../newsletters/subscriber-import.ts';
import type { ImportReport } from '../import-session.ts';
import type { GhostData, GhostMember } from './ghost-export.ts';

// A Ghost site's members become subscribers of Kiosque's newsletters: each Ghost newsletter goes
// to the Kiosque newsletter of the same slug or name (or, when both sites have a single one, to
// that one); its members come with their consent date (when they subscribed to it) and its
// source. The newsletters' own import does the writing, so its rules hold here too: an erased
// address is never subscribed again, nor anyone who unsubscribed here; members Ghost stopped
// writing to (bounce, complaint, its suppression list) stay out.

/** Ghost 4 has no newsletters table: its one list is members.subscribed. */
const SINGLE_LIST = '(liste unique)';

const ORIGINS: Record<string, string> = {
  member: 'inscription sur le site',
  import: 'importé dans Ghost',
  admin: 'ajouté par la rédaction',
  api: 'ajouté par l’API',
  system: 'inscription automatique',
};

interface GhostList {
  id: string;
  name: string;
  slug: string;
  members: Set<string>;
}

/** The Ghost newsletters and who is subscribed to each. */
function listsOf(data: GhostData): GhostList[] {
  if (!data.newsletters.length) {
    const members = new Set(data.members.filter((m) => Boolean(m.subscribed)).map((m) => m.id));
    return members.size ? [{ id: SINGLE_LIST, name: SINGLE_LIST, slug: '', members }] : [];
  }
  return data.newsletters.map((n) => ({
    id: n.id,
    name: n.name,
    slug: n.slug,
    members: new Set(data.members_newsletters.filter((l) => l.newsletter_id === n.id).map((l) => l.member_id)),
  }));
}

/** The Kiosque newsletter of a Ghost one: same slug, else same name (accents and case aside), else the only pair. */
function matchOf(list: GhostList, lists: GhostList[], newsletters: NewsletterRow[]): NewsletterRow | undefined {
  const bySlug = newsletters.find((n) => list.slug && n.slug === list.slug);
  if (bySlug) return bySlug;
  const byName = newsletters.find((n) => foldedKey(n.name) === foldedKey(list.name));
  if (byName) return byName;
  return lists.length === 1 && newsletters.length === 1 ? newsletters[0] : undefined;
}

/** Imports (or counts, in a dry run) the members of a Ghost export as newsletter subscribers; adds to the report. */
export async function importGhostMembers(
  ctx: AppContext,
  actor: Actor,
  data: GhostData,
  options: { siteTitle: string; dryRun: boolean; report: ImportReport; out: (line: string) => void },
): Promise<void> {
  const { report, out } = options;
  const lists = listsOf(data).filter((l) => l.members.size > 0);
  if (!lists.length) return;
  const newsletters = await listActiveNewsletters(ctx.db);
  const members = new Map(data.members.map((m, index) => [m.id, { member: m, line: index + 1 }]));
  const blocked = new Set(data.suppressions.map((s) => s.email.trim().toLowerCase()));
  // The latest "subscribed" event of a member to a list: its date and origin are the consent's proof.
  const events = new Map<string, { at: string | null; source: string }>();
  for (const event of data.members_subscribe_events) {
    if (!event.subscribed) continue;
    const key = `${event.member_id}:${event.newsletter_id ?? SINGLE_LIST}`;
    const known = events.get(key);
    if (!known || (event.created_at ?? '') >= (known.at ?? '')) events.set(key, { at: event.created_at, source: event.source ?? '' });
  }
  const site = options.siteTitle || 'site Ghost';
  const incoming = (member: GhostMember, list: GhostList, line: number): IncomingSubscriber => {
    const event = events.get(`${member.id}:${list.id}`) ?? events.get(`${member.id}:${SINGLE_LIST}`);
    const origin = ORIGINS[event?.source ?? ''];
    return {
      email: member.email,
      consentAt: event?.at ?? member.created_at ?? undefined,
      source: `import Ghost (${site})${origin ? ` : ${origin}` : ''}`,
      leftAtSource: member.email_disabled || blocked.has(member.email.trim().toLowerCase()),
      line,
    };
  };

  for (const list of lists) {
    const label = list.id === SINGLE_LIST ? 'la liste des membres Ghost' : `la newsletter Ghost « ${list.name} »`;
    const target = matchOf(list, lists, newsletters);
    if (!target) {
      report.subscribersUnmapped += list.members.size;
      out(
        `  ✗ ${label} : aucune newsletter correspondante dans Kiosque (même nom ou même adresse) — ${list.members.size} abonnés non importés ; créez-la puis relancez l’import.`,
      );
      continue;
    }
    const people = [...list.members].flatMap((id) => {
      const found = members.get(id);
      return found ? [incoming(found.member, list, found.line)] : [];
    });
    const counts = await subscribeImported(ctx, actor, { newsletterId: target.id, people, dryRun: options.dryRun });
    report.subscribersAdded += counts.added;
    report.subscribersAlready += counts.alreadySubscribed;
    report.subscribersSuppressed += counts.suppressed;
    report.subscribersLeft += counts.unsubscribedAtSource + counts.unsubscribedHere;
    report.subscribersInvalid += counts.invalidCount;
    out(
      `  ${options.dryRun ? '→' : '✓'} ${label} → « ${target.name} » : ${counts.added} abonnés ${options.dryRun ? 'à ajouter' : 'ajoutés'}, ${counts.alreadySubscribed} déjà abonnés, ${counts.suppressed} adresses effacées (jamais réabonnées), ${counts.unsubscribedAtSource} désabonnés ou en erreur sur Ghost, ${counts.unsubscribedHere} désabonnés ici, ${counts.invalidCount} adresses invalides.`,
    );
    for (const bad of counts.invalid.slice(0, 5)) out(`      adresse invalide (membre nº ${bad.line}) : ${bad.value} — ${bad.reason}`);
  }
}
