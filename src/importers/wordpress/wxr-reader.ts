import fs from 'node:fs';
import { SaxesParser } from 'saxes';

// Reads a WordPress export (WXR 1.1/1.2, the RSS file of Outils › Exporter) as a stream: the
// parser sees 64 KB at a time and hands over each <item> when it closes, so a 2 GB export is read
// with the memory of one post. A DOCTYPE is refused outright: no entity of the file is ever
// expanded (billion laughs) and nothing outside it is ever read (XXE).

/** An author of the site (<wp:author>). */
export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** The user's "Renseignements biographiques", when the export carries them (<wp:author_description>). */
  description: string;
}

/** A category or a tag (<wp:category>, <wp:tag>). */
export interface WxrTerm {
  slug: string;
  name: string;
  parent: string;
  description: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  date: string;
  content: string;
  approved: string;
  parent: string;
  type: string;
}

/** A post, page or attachment (<item>), with the fields an import needs. */
export interface WxrItem {
  id: number;
  type: string;
  status: string;
  title: string;
  link: string;
  slug: string;
  creator: string;
  content: string;
  excerpt: string;
  /** "YYYY-MM-DD HH:MM:SS" in UTC, or "0000-00-00 00:00:00" for a draft never published. */
  dateGmt: string;
  /** The site's local time, when the GMT date is missing. */
  date: string;
  modifiedGmt: string;
  sticky: boolean;
  parent: number;
  attachmentUrl: string;
  categories: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  meta: Record<string, string>;
  comments: WxrComment[];
}

export interface WxrChannel {
  title: string;
  link: string;
  language: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

export type WxrRecord =
  | { kind: 'channel'; channel: WxrChannel }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'category'; term: WxrTerm }
  | { kind: 'tag'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** The file is not a WordPress export, or is broken: the message says where, in French. */
export class WxrError extends Error {}

const MAX_FIELD_CHARS = 12 * 1024 * 1024;

function emptyItem(): WxrItem {
  return {
    id: 0,
    type: '',
    status: '',
    title: '',
    link: '',
    slug: '',
    creator: '',
    content: '',
    excerpt: '',
    dateGmt: '',
    date: '',
    modifiedGmt: '',
    sticky: false,
    parent: 0,
    attachmentUrl: '',
    categories: [],
    tags: [],
    meta: {},
    comments: [],
  };
}

/** Reads the records of a WXR file, in file order, one at a time. */
export async function* readWxr(file: string): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const ready: WxrRecord[] = [];
  const stack: string[] = [];
  let text = '';
  let channel: WxrChannel | null = {
    title: '',
    link: '',
    language: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
    wxrVersion: '',
  };
  let author: WxrAuthor | null = null;
  let term: WxrTerm | null = null;
  let item: WxrItem | null = null;
  let comment: WxrComment | null = null;
  let meta: { key: string; value: string } | null = null;
  let categoryAttrs: { domain: string; nicename: string } | null = null;
  let sawRss = false;
  let failure: Error | null = null;

  parser.on('doctype', () => {
    throw new WxrError(
      'Ce fichier déclare un DOCTYPE : refusé (une exportation WordPress n’en a pas, et ses entités pourraient lire des fichiers ou saturer la mémoire).',
    );
  });
  parser.on('error', (error) => {
    failure ??= new WxrError(`XML invalide (${error.message.replace(/^(\d+):(\d+): /, 'ligne $1, colonne $2 : ')})`);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (stack.length === 0) {
      if (name !== 'rss') throw new WxrError(`Ce n’est pas une exportation WordPress : l’élément racine est <${name}>, pas <rss>.`);
      sawRss = true;
    }
    stack.push(name);
    text = '';
    if (name === 'item') item = emptyItem();
    else if (name === 'wp:author' && !item)
      author = { login: '', email: '', displayName: '', firstName: '', lastName: '', description: '' };
    else if ((name === 'wp:category' || name === 'wp:tag') && !item) term = { slug: '', name: '', parent: '', description: '' };
    else if (name === 'wp:comment' && item)
      comment = { id: '', author: '', authorEmail: '', authorUrl: '', date: '', content: '', approved: '', parent: '', type: '' };
    else if (name === 'wp:postmeta' && item) meta = { key: '', value: '' };
    else if (name === 'category' && item) {
      const attrs = tag.attributes as Record<string, string>;
      categoryAttrs = { domain: attrs.domain ?? '', nicename: attrs.nicename ?? '' };
    }
  });
  const addText = (chunk: string) => {
    text += chunk;
    if (text.length > MAX_FIELD_CHARS) throw new WxrError('Un champ dépasse 12 Mo : fichier refusé.');
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const value = text;
    text = '';
    if (comment) {
      const field = COMMENT_FIELDS[name];
      if (field) comment[field] = value;
      if (name === 'wp:comment') {
        item?.comments.push(comment);
        comment = null;
      }
      return;
    }
    if (meta) {
      if (name === 'wp:meta_key') meta.key = value;
      else if (name === 'wp:meta_value') meta.value = value;
      else if (name === 'wp:postmeta') {
        if (item) item.meta[meta.key] = meta.value;
        meta = null;
      }
      return;
    }
    if (item) {
      if (name === 'category' && categoryAttrs) {
        const entry = { slug: categoryAttrs.nicename, name: value.trim() };
        if (categoryAttrs.domain === 'category') item.categories.push(entry);
        else if (categoryAttrs.domain === 'post_tag') item.tags.push(entry);
        categoryAttrs = null;
        return;
      }
      if (name === 'item') {
        ready.push({ kind: 'item', item });
        item = null;
        return;
      }
      applyItemField(item, name, value);
      return;
    }
    if (author) {
      const field = AUTHOR_FIELDS[name];
      if (field) author[field] = value.trim();
      if (name === 'wp:author') {
        ready.push({ kind: 'author', author });
        author = null;
      }
      return;
    }
    if (term) {
      const field = TERM_FIELDS[name];
      if (field) term[field] = value.trim();
      if (name === 'wp:category' || name === 'wp:tag') {
        ready.push({ kind: name === 'wp:category' ? 'category' : 'tag', term });
        term = null;
      }
      return;
    }
    if (channel && stack.at(-1) === 'channel') {
      const field = CHANNEL_FIELDS[name];
      if (field) channel[field] = value.trim();
    }
    if (channel && name === 'wp:base_blog_url') {
      ready.unshift({ kind: 'channel', channel });
      channel = null;
    }
  });

  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (failure) throw failure;
      while (ready.length) yield ready.shift()!;
    }
    parser.close();
    if (failure) throw failure;
  } catch (error) {
    stream.destroy();
    if (error instanceof WxrError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WxrError(`Fichier introuvable : ${file}`);
    throw new WxrError(`XML invalide : ${(error as Error).message}`);
  }
  if (!sawRss) throw new WxrError('Fichier vide : ce n’est pas une exportation WordPress.');
  while (ready.length) yield ready.shift()!;
  if (channel) yield { kind: 'channel', channel };
}

const AUTHOR_FIELDS: Record<string, keyof WxrAuthor> = {
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName',
  'wp:author_last_name': 'lastName',
  'wp:author_description': 'description',
};

const TERM_FIELDS: Record<string, keyof WxrTerm> = {
  'wp:category_nicename': 'slug',
  'wp:cat_name': 'name',
  'wp:category_parent': 'parent',
  'wp:category_description': 'description',
  'wp:tag_slug': 'slug',
  'wp:tag_name': 'name',
  'wp:tag_description': 'description',
};

const CHANNEL_FIELDS: Record<string, keyof WxrChannel> = {
  title: 'title',
  link: 'link',
  language: 'language',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
  'wp:wxr_version': 'wxrVersion',
};

const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'authorEmail',
  'wp:comment_author_url': 'authorUrl',
  'wp:comment_date_gmt': 'date',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_parent': 'parent',
  'wp:comment_type': 'type',
};

/** An item's fields read as trimmed text, like the tables above. */
const ITEM_TEXT_FIELDS: Record<
  string,
  'title' | 'link' | 'creator' | 'excerpt' | 'type' | 'status' | 'date' | 'dateGmt' | 'modifiedGmt' | 'attachmentUrl'
> = {
  title: 'title',
  link: 'link',
  'dc:creator': 'creator',
  'excerpt:encoded': 'excerpt',
  'wp:post_type': 'type',
  'wp:status': 'status',
  'wp:post_date': 'date',
  'wp:post_date_gmt': 'dateGmt',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:attachment_url': 'attachmentUrl',
};

function applyItemField(item: WxrItem, name: string, value: string): void {
  const text = ITEM_TEXT_FIELDS[name];
  if (text) item[text] = value.trim();
  else if (name === 'content:encoded') item.content = value;
  else if (name === 'wp:post_id') item.id = Number.parseInt(value.trim(), 10) || 0;
  else if (name === 'wp:post_parent') item.parent = Number.parseInt(value.trim(), 10) || 0;
  else if (name === 'wp:post_name') item.slug = decodeSlug(value.trim());
  else if (name === 'wp:is_sticky') item.sticky = value.trim() === '1';
}

/** WordPress stores non-ASCII slugs percent-encoded ("%c3%a9te"). */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}
