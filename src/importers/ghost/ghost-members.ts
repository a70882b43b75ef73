import { z } from 'zod';
import type { Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import { foldedKey } from '../../core/text/loose-match.ts';
import { createNewsletter, newsletterInputSchema } from '../../newsletters/newsletter-admin-operations.ts';
import { listActiveNewsletters, type NewsletterRow } from '../../newsletters/newsletter-repository.ts';
import { type IncomingSubscriber, subscribeImported } from '../../newsletters/subscriber-import.ts';
import type { ImportReport, SourceNewsletter } from '../import-session.ts';
import type { GhostData, GhostMember } from './ghost-export.ts';

// A Ghost site's members become subscribers of Kiosque's newsletters, with their name (kept
// private), their consent date (when they subscribed) and its source. Each Ghost newsletter goes
// where the administrator chose in the import screen (an existing newsletter, a new one of the
// same name, or nowhere); without a choice, to the Kiosque newsletter of the same slug or name (or,
// when both sites have a single one, to that one), else to a new one, unless Ghost had archived
// it. The newsletters' own import does the writing, so its rules hold here too: an erased
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

/** Where the subscribers of each Ghost newsletter (by its Ghost id) go, as chosen before the run. */
export const newsletterMapSchema = z.record(z.string().max(100), z.union([z.number().int().positive(), z.enum(['create', 'skip'])]));
export type NewsletterMap = z.infer<typeof newsletterMapSchema>;

/** A choice of where a Ghost newsletter's subscribers go: the import screen names a Kiosque newsletter by its id, the command line by its slug. */
export type ChosenTarget = 'create' | 'skip' | { id: number } | { slug: string };

/**
 * THE rule of a choice, on the import screen and on the command line alike: a new newsletter, none,
 * or an active Kiosque newsletter; null when the newsletter named does not exist or is archived.
 */
export function chosenTarget(choice: ChosenTarget, active: readonly NewsletterRow[]): NewsletterMap[string] | null {
  if (choice === 'create' || choice === 'skip') return choice;
  return active.find((n) => ('id' in choice ? n.id === choice.id : n.slug === choice.slug))?.id ?? null;
}

/** A choice on the command line that names no Ghost newsletter of the export, or no active Kiosque newsletter. */
export class NewsletterChoiceError extends Error {}

/** `*` on the command line: every Ghost newsletter not named on its own. */
export const EVERY_OTHER_NEWSLETTER = '*';

/**
 * The choices given on the command line (Ghost newsletter by slug or id → target), checked against
 * the export and the active newsletters before anything is written, as one map; every wrong one is
 * said at once, in French.
 */
export async function newsletterMapOf(
  ctx: AppContext,
  data: GhostData,
  siteTitle: string,
  choices: readonly { ghost: string; target: ChosenTarget }[],
): Promise<NewsletterMap> {
  const lists = listsOf(data, siteTitle);
  const active = await listActiveNewsletters(ctx.db);
  const problems: string[] = [];
  const map: NewsletterMap = {};
  const named = new Set<string>();
  let rest: NewsletterMap[string] | undefined;
  for (const { ghost, target } of choices) {
    if (named.has(ghost)) problems.push(`« ${ghost} » est choisie deux fois.`);
    named.add(ghost);
    const chosen = chosenTarget(target, active);
    if (chosen === null) {
      const wanted = typeof target === 'object' && 'slug' in target ? target.slug : String(target);
      const slugs = active.map((n) => n.slug);
      problems.push(
        `« ${wanted} » : aucune newsletter active de ce nom dans Kiosque ; choisissez ${[...slugs, 'nouvelle', 'aucune'].join(', ')}.`,
      );
    }
    if (ghost === EVERY_OTHER_NEWSLETTER) {
      rest = chosen ?? undefined;
      continue;
    }
    const list = lists.find((l) => l.id === ghost || (l.slug && l.slug === ghost));
    if (!list) {
      const known = lists.map((l) => (l.slug ? `${l.slug} (« ${l.name} »)` : `${EVERY_OTHER_NEWSLETTER} (« ${l.name} »)`));
      problems.push(
        `« ${ghost} » : aucune newsletter Ghost de ce nom avec des abonnés dans l’exportation ; ${known.length ? `elle a : ${known.join(', ')}` : 'elle n’a aucun abonné'}.`,
      );
    } else if (chosen !== null) map[list.id] = chosen;
  }
  // `*` goes for the newsletters not named, wherever it stands on the line.
  if (rest !== undefined) for (const list of lists) map[list.id] ??= rest;
  if (problems.length) throw new NewsletterChoiceError(`--newsletter : ${problems.join(' ')}`);
  return newsletterMapSchema.parse(map);
}

interface GhostList {
  id: string;
  name: string;
  slug: string;
  archived: boolean;
  description: string;
  senderName: string;
  senderEmail: string;
  members: Set<string>;
}

/** The Ghost newsletters that have subscribers, and who they are. */
function listsOf(data: GhostData, siteTitle: string): GhostList[] {
  if (!data.newsletters.length) {
    const members = new Set(data.members.filter((m) => Boolean(m.subscribed)).map((m) => m.id));
    const name = `La lettre de ${siteTitle || 'la publication'}`;
    const single = { id: SINGLE_LIST, name, slug: '', archived: false, description: '', senderName: '', senderEmail: '', members };
    return members.size ? [single] : [];
  }
  return data.newsletters
    .map((n) => ({
      id: n.id,
      name: n.name,
      slug: n.slug,
      archived: n.status === 'archived',
      description: n.description,
      senderName: n.sender_name,
      senderEmail: n.sender_email,
      members: new Set(data.members_newsletters.filter((l) => l.newsletter_id === n.id).map((l) => l.member_id)),
    }))
    .filter((l) => l.members.size > 0);
}

/** The Kiosque newsletter of the same slug as a Ghost one, else of the same name (accents and case aside). */
function sameNewsletter(list: GhostList, newsletters: NewsletterRow[]): NewsletterRow | undefined {
  return newsletters.find((n) => list.slug && n.slug === list.slug) ?? newsletters.find((n) => foldedKey(n.name) === foldedKey(list.name));
}

/** Where a Ghost newsletter's subscribers go unless told: its match here, else a new newsletter, unless Ghost had archived it. */
function proposedTarget(list: GhostList, lists: GhostList[], newsletters: NewsletterRow[]): SourceNewsletter['target'] {
  const onlyPair = lists.length === 1 && newsletters.length === 1 ? newsletters[0] : undefined;
  return (sameNewsletter(list, newsletters) ?? onlyPair)?.id ?? (list.archived ? 'skip' : 'create');
}

/** The first address a new newsletter can send from: Ghost's own, the site's mail, then one at the old site's domain. */
function senderEmailOf(ctx: AppContext, list: GhostList, siteUrl: string): string | undefined {
  const fromConfig = /<([^>]+)>/.exec(ctx.config.mailFrom)?.[1] ?? ctx.config.mailFrom;
  const host = URL.canParse(siteUrl) ? new URL(siteUrl).hostname : '';
  return [list.senderEmail, fromConfig, host ? `newsletter@${host}` : ''].find(
    (address) => address && newsletterInputSchema.shape.senderEmail.safeParse(address).success,
  );
}

/** Imports (or counts, in a dry run) the members of a Ghost export as newsletter subscribers; adds to the report. */
export async function importGhostMembers(
  ctx: AppContext,
  actor: Actor,
  data: GhostData,
  options: {
    siteTitle: string;
    siteUrl: string;
    dryRun: boolean;
    report: ImportReport;
    out: (line: string) => void;
    /** The administrator's choices; a Ghost newsletter left out of it gets the proposed target. */
    newsletterMap?: NewsletterMap;
  },
): Promise<void> {
  const { report, out } = options;
  const lists = listsOf(data, options.siteTitle);
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
      name: member.name,
      consentAt: event?.at ?? member.created_at ?? undefined,
      source: `import Ghost (${site})${origin ? ` : ${origin}` : ''}`,
      leftAtSource: member.email_disabled || blocked.has(member.email.trim().toLowerCase()),
      line,
    };
  };

  for (const list of lists) {
    const label = list.id === SINGLE_LIST ? 'la liste des membres Ghost' : `la newsletter Ghost « ${list.name} »`;
    const chosen = options.newsletterMap?.[list.id] ?? proposedTarget(list, lists, newsletters);
    report.newsletters.push({ id: list.id, name: list.name, archived: list.archived, subscribers: list.members.size, target: chosen });
    const skip = (why: string) => {
      report.subscribersUnmapped += list.members.size;
      out(`  ✗ ${label} : ${why} — ${list.members.size} abonnés non importés.`);
    };
    if (chosen === 'skip') {
      skip(options.newsletterMap?.[list.id] ? 'laissée de côté, comme choisi' : 'archivée sur Ghost, laissée de côté');
      continue;
    }
    // "create" finds the newsletter a former run created: running the import twice makes one.
    let target: { id: number | null; name: string } | undefined =
      chosen === 'create' ? sameNewsletter(list, newsletters) : newsletters.find((n) => n.id === chosen);
    if (!target && chosen !== 'create') {
      skip('la newsletter choisie n’existe plus ou est archivée dans Kiosque');
      continue;
    }
    if (!target) {
      const senderEmail = senderEmailOf(ctx, list, options.siteUrl);
      if (!senderEmail) {
        skip('aucune adresse d’expéditeur valable pour la créer ; créez-la dans Newsletters puis relancez l’import');
        continue;
      }
      const name = list.name.trim().slice(0, 120);
      target = options.dryRun
        ? { id: null, name }
        : {
            name,
            id: await createNewsletter(ctx, actor, {
              name,
              description: list.description.slice(0, 500),
              senderName: (list.senderName || options.siteTitle || name).slice(0, 120),
              senderEmail,
            }),
          };
      out(`  ${options.dryRun ? '→' : '✓'} nouvelle newsletter « ${name} » ${options.dryRun ? 'à créer' : 'créée'}.`);
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
