import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../core/db/database.ts';
import { escapeHtml } from '../core/html/html.ts';
import { storeImage } from '../images/image-store.ts';
import { insertOutlet, type OutletRow, upsertItem } from '../desk/desk-repository.ts';
import { assignStories } from '../desk/story-store.ts';
import { queuePoll } from '../wire/wire-poll.ts';
import { insertAgency } from '../wire/wire-repository.ts';
import { storedFolder } from '../wire/wire-folder.ts';
import { STUDIO_CREDIT } from './content/publication.ts';
import { DEMO_AGENCY, DEMO_DEPECHES, DEMO_DESK_ITEMS, DEMO_OUTLETS, type DemoDepeche } from './content/veille.ts';
import { generateIllustration } from './illustrations.ts';

const MINUTE = 60_000;

/**
 * The desk of the demo: its outlets and their items of the last hours, filed into stories by the
 * desk's own story detection (the same code a feed poll runs). The outlets have no feed, so
 * nothing is fetched; an editor adds feeds to watch real sources.
 */
async function seedDesk(db: Db, now: Date): Promise<void> {
  const outlets = new Map<string, OutletRow>();
  for (const outlet of DEMO_OUTLETS) {
    const id = await insertOutlet(db, { ...outlet, logoUrl: null });
    outlets.set(outlet.key, (await db.selectFrom('desk_outlets').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as OutletRow);
  }
  // Oldest first, as a poll would have met them.
  for (const item of [...DEMO_DESK_ITEMS].sort((a, b) => b.minutesAgo - a.minutesAgo)) {
    await upsertItem(db, outlets.get(item.outlet)!, null, {
      guid: null,
      url: item.url,
      headline: item.headline,
      summary: item.summary,
      publishedAt: new Date(now.getTime() - item.minutesAgo * MINUTE).toISOString(),
      language: null,
    });
  }
  await assignStories(db);
}

/** One dépêche in IPTC ninjs 2.1, as an agency delivers it. */
function ninjs(depeche: DemoDepeche, sentAt: string) {
  return {
    $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json',
    uri: depeche.guid,
    version: '1',
    type: 'text',
    language: 'fr',
    pubstatus: 'usable',
    versioncreated: sentAt,
    headlines: [{ role: 'main', value: depeche.headline }],
    descriptions: [{ role: 'summary', value: depeche.lead }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: depeche.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') }],
    subject: depeche.subjects.map((name) => ({ name })),
    ...(depeche.photo
      ? {
          associations: {
            featureimage: {
              type: 'picture',
              description_text: depeche.photo.caption,
              creditline: depeche.photo.credit,
              // Delivered beside the file, as agencies drop their pictures with their NewsML or ninjs.
              renditions: { original: { href: depeche.photo.path, mimetype: 'image/jpeg', width: 1600, height: 1000 } },
            },
          },
        }
      : {}),
  };
}

/**
 * The wire of the demo: the agency, its byline, and a ninjs file waiting in its watched folder
 * with the dépêches' photos beside it (original pictures drawn here). Its first poll (queued now,
 * run by the job runner once the server starts) reads the file like any agency drop, keeps the
 * photos, and holds the dépêches for an editor; publishing one makes its photo the main image.
 */
async function seedWire(db: Db, dataDir: string, wireRoot: string, now: Date): Promise<number> {
  const folder = path.join(wireRoot, DEMO_AGENCY.folder);
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, 'presse-horizon-demo.json');
  const sentAt = new Date(now.getTime() - 20 * MINUTE);
  for (const depeche of DEMO_DEPECHES) {
    if (!depeche.photo) continue;
    const photo = path.join(folder, depeche.photo.path);
    await fs.mkdir(path.dirname(photo), { recursive: true });
    await fs.writeFile(
      photo,
      await generateIllustration(depeche.guid, { width: 1600, height: 1000, palette: 'international', motif: depeche.photo.motif }),
    );
    await fs.utimes(photo, sentAt, sentAt);
  }
  await fs.writeFile(
    file,
    `${JSON.stringify(
      DEMO_DEPECHES.map((d) => ninjs(d, sentAt.toISOString())),
      null,
      2,
    )}\n`,
  );
  // Delivered a while ago: the folder reads only files that have stopped changing.
  await fs.utimes(file, sentAt, sentAt);

  const nowIso = now.toISOString();
  const section = await db.selectFrom('sections').select('id').where('slug', '=', DEMO_AGENCY.section).executeTakeFirstOrThrow();
  const logo = await storeImage(
    db,
    dataDir,
    await generateIllustration('agence-presse-horizon', { width: 800, height: 800, palette: 'neutral', motif: 'circles' }),
    { alt: `Emblème de l’${DEMO_AGENCY.name}`, caption: '', credit: STUDIO_CREDIT },
  );
  const person = await db
    .insertInto('people')
    .values({
      slug: 'agence-presse-horizon',
      name: DEMO_AGENCY.name,
      kind: 'contributor',
      role_line: 'Agence de presse',
      bio: DEMO_AGENCY.bio,
      photo_image_id: logo.id,
      links: JSON.stringify([{ label: 'Site de l’agence', url: DEMO_AGENCY.siteUrl }]),
      created_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agencyId = await insertAgency(db, {
    name: DEMO_AGENCY.name,
    person_id: person.id,
    section_id: section.id,
    tags: JSON.stringify(DEMO_AGENCY.tags),
    rule: DEMO_AGENCY.rule,
    format: 'ninjs',
    // Relative to the wire's root, resolved at each poll: the demo's data directory may move.
    folder_path: storedFolder(wireRoot, folder),
    pull_url: null,
    poll_seconds: DEMO_AGENCY.pollSeconds,
    enabled: 1,
    created_at: nowIso,
    updated_at: nowIso,
  });
  await queuePoll({ db }, agencyId);
  return 1;
}

/** Adds the desk's outlets and stories and the wire's agency to the demo edition; returns the images it stored. */
export async function seedDemoDeskAndWire(db: Db, dataDir: string, wireRoot: string, now: Date): Promise<number> {
  await seedDesk(db, now);
  return seedWire(db, dataDir, wireRoot, now);
}
