import type { Db } from '../core/db/database.ts';

/** One place where an image or a sound is shown. */
export interface MediaUsage {
  kind: 'article' | 'person' | 'dossier' | 'page' | 'settings';
  id: number;
  /** Headline, name or title, as editors know it. */
  label: string;
  /** Back-office screen where the use can be changed. */
  href: string;
  /** How it is used, in French ("image principale", "dans le texte"…). */
  role: string;
}

const ADMIN_HREF: Record<MediaUsage['kind'], (id: number) => string> = {
  article: (id) => `/admin/articles/${id}`,
  person: (id) => `/admin/personnes/${id}`,
  dossier: (id) => `/admin/dossiers/${id}`,
  page: (id) => `/admin/pages/${id}`,
  settings: () => '/admin/reglages',
};

/**
 * Everywhere an image is used: article heroes and bodies, author portraits, dossier heroes, static
 * page bodies and the publication logo. Bodies are found with a cheap text search on the stored
 * JSON, then confirmed by parsing (a search for image 12 also matches 120).
 */
export async function findImageUsage(db: Db, imageId: number): Promise<MediaUsage[]> {
  const needle = `%"imageId":${imageId}%`;
  const [articles, people, dossiers, pages, settings] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'headline', 'hero_image_id', 'body'])
      .where((eb) => eb.or([eb('hero_image_id', '=', imageId), eb('body', 'like', needle)]))
      .orderBy('id')
      .execute(),
    db.selectFrom('people').select(['id', 'name']).where('photo_image_id', '=', imageId).orderBy('id').execute(),
    db.selectFrom('dossiers').select(['id', 'title']).where('hero_image_id', '=', imageId).orderBy('id').execute(),
    db.selectFrom('pages').select(['id', 'title', 'body']).where('body', 'like', needle).orderBy('id').execute(),
    db.selectFrom('settings').select(['id']).where('logo_image_id', '=', imageId).execute(),
  ]);
  const uses: MediaUsage[] = [];
  for (const a of articles) {
    const roles = [a.hero_image_id === imageId ? 'image principale' : '', bodyUsesImage(a.body, imageId) ? 'dans le texte' : ''].filter(
      Boolean,
    );
    if (roles.length) uses.push(usage('article', a.id, a.headline, roles.join(' et ')));
  }
  for (const p of people) uses.push(usage('person', p.id, p.name, 'portrait'));
  for (const d of dossiers) uses.push(usage('dossier', d.id, d.title, 'image principale'));
  for (const p of pages) if (bodyUsesImage(p.body, imageId)) uses.push(usage('page', p.id, p.title, 'dans le texte'));
  if (settings.length) uses.push(usage('settings', 1, 'Réglages de la publication', 'logo'));
  return uses;
}

/** Everywhere a sound or video file is used: embedded in bodies (by its /media/fichiers/ path), or the sound or video of an article. */
export async function findMediaFileUsage(db: Db, fileKey: string): Promise<MediaUsage[]> {
  const src = mediaFilePath(fileKey);
  const needle = `%${src}%`;
  const [articles, pages, episodes, videos] = await Promise.all([
    db.selectFrom('articles').select(['id', 'headline', 'body']).where('body', 'like', needle).orderBy('id').execute(),
    db.selectFrom('pages').select(['id', 'title', 'body']).where('body', 'like', needle).orderBy('id').execute(),
    // The sound of a podcast episode, the video of a video article (src/podcasts).
    db
      .selectFrom('podcast_episodes')
      .innerJoin('media_files', 'media_files.id', 'podcast_episodes.audio_file_id')
      .innerJoin('articles', 'articles.id', 'podcast_episodes.article_id')
      .select(['articles.id', 'articles.headline'])
      .where('media_files.file_key', '=', fileKey)
      .execute(),
    db
      .selectFrom('article_videos')
      .innerJoin('media_files', 'media_files.id', 'article_videos.video_file_id')
      .innerJoin('articles', 'articles.id', 'article_videos.article_id')
      .select(['articles.id', 'articles.headline'])
      .where('media_files.file_key', '=', fileKey)
      .execute(),
  ]);
  return [
    ...articles.filter((a) => bodyEmbedsSource(a.body, src)).map((a) => usage('article', a.id, a.headline, 'dans le texte')),
    ...episodes.map((a) => usage('article', a.id, a.headline, 'son de l’épisode')),
    ...videos.map((a) => usage('article', a.id, a.headline, 'vidéo de l’article')),
    ...pages.filter((p) => bodyEmbedsSource(p.body, src)).map((p) => usage('page', p.id, p.title, 'dans le texte')),
  ];
}

/** Public path of a stored sound or video. */
export function mediaFilePath(fileKey: string): string {
  return `/media/fichiers/${fileKey}`;
}

/** Page-cache tags of the pages that show these uses (see core/cache/page-cache.ts). */
export function usageCacheTags(uses: readonly MediaUsage[]): string[] {
  const tags = uses.map((u) => (u.kind === 'settings' ? 'site' : `${u.kind}:${u.id}`));
  return [...new Set(tags)];
}

function usage(kind: MediaUsage['kind'], id: number, label: string, role: string): MediaUsage {
  return { kind, id, label, role, href: ADMIN_HREF[kind](id) };
}

/** True when a stored body (Tiptap JSON) holds an image node for this image. */
export function bodyUsesImage(body: string, imageId: number): boolean {
  return someNode(body, (node) => node.type === 'image' && (node.attrs as { imageId?: unknown } | undefined)?.imageId === imageId);
}

function bodyEmbedsSource(body: string, src: string): boolean {
  return someNode(body, (node) => node.type === 'embed' && (node.attrs as { src?: unknown } | undefined)?.src === src);
}

interface JsonNode {
  type?: unknown;
  attrs?: unknown;
  content?: unknown;
}

function someNode(body: string, test: (node: JsonNode) => boolean): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return false;
  }
  // Iterative walk: a stored body is trusted but need not be shallow.
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (test(node as JsonNode)) return true;
    const content = (node as JsonNode).content;
    if (Array.isArray(content)) stack.push(...content);
  }
  return false;
}
