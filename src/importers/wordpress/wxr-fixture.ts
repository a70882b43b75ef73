// A WordPress export written for the tests: a small French local news site as WordPress would
// export it (WXR 1.2), with what real exports carry: Gutenberg and classic bodies, shortcodes,
// broken HTML, a missing image, duplicate slugs, an author without e-mail, every status.

export interface FixturePost {
  id: number;
  title: string;
  slug: string;
  status: string;
  type?: 'post' | 'page' | 'attachment';
  date?: string;
  creator?: string;
  content?: string;
  excerpt?: string;
  categories?: [string, string][];
  tags?: [string, string][];
  thumbnailId?: number;
  sticky?: boolean;
  attachmentUrl?: string;
  alt?: string;
  link?: string;
  comments?: { id: number; author: string; content: string; parent?: number; approved?: boolean }[];
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** The WXR document of a site holding these posts (and attachments). */
export function wxrDocument(site: { url: string; title: string }, posts: FixturePost[]): string {
  const items = posts.map((p) => {
    const date = p.date ?? '2019-04-25 06:30:00';
    const type = p.type ?? 'post';
    const link =
      p.link ?? (type === 'page' ? `${site.url}/${p.slug}/` : `${site.url}/${date.slice(0, 10).replaceAll('-', '/')}/${p.slug}/`);
    const categories = (p.categories ?? [])
      .map(([slug, name]) => `<category domain="category" nicename="${slug}">${cdata(name)}</category>`)
      .join('');
    const tags = (p.tags ?? []).map(([slug, name]) => `<category domain="post_tag" nicename="${slug}">${cdata(name)}</category>`).join('');
    const meta = [
      p.thumbnailId
        ? `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${p.thumbnailId}</wp:meta_value></wp:postmeta>`
        : '',
      p.alt
        ? `<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>${cdata(p.alt)}</wp:meta_value></wp:postmeta>`
        : '',
    ].join('');
    const comments = (p.comments ?? [])
      .map(
        (c) =>
          `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>${cdata(c.author)}</wp:comment_author><wp:comment_author_email>lecteur${c.id}@exemple.fr</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_date_gmt>2019-04-26 10:00:00</wp:comment_date_gmt><wp:comment_content>${cdata(c.content)}</wp:comment_content><wp:comment_approved>${c.approved === false ? 0 : 1}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${c.parent ?? 0}</wp:comment_parent></wp:comment>`,
      )
      .join('');
    return `
  <item>
    <title>${cdata(p.title)}</title>
    <link>${link}</link>
    <pubDate>Thu, 25 Apr 2019 06:30:00 +0000</pubDate>
    <dc:creator>${cdata(p.creator ?? 'mgirard')}</dc:creator>
    <guid isPermaLink="false">${site.url}/?p=${p.id}</guid>
    <description></description>
    <content:encoded>${cdata(p.content ?? '')}</content:encoded>
    <excerpt:encoded>${cdata(p.excerpt ?? '')}</excerpt:encoded>
    <wp:post_id>${p.id}</wp:post_id>
    <wp:post_date>${cdata(date)}</wp:post_date>
    <wp:post_date_gmt>${cdata(p.status === 'draft' ? '0000-00-00 00:00:00' : date)}</wp:post_date_gmt>
    <wp:post_modified_gmt>${cdata(date)}</wp:post_modified_gmt>
    <wp:comment_status>${cdata('open')}</wp:comment_status>
    <wp:post_name>${cdata(p.slug)}</wp:post_name>
    <wp:status>${cdata(p.status)}</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type>${cdata(type)}</wp:post_type>
    <wp:is_sticky>${p.sticky ? 1 : 0}</wp:is_sticky>
    ${p.attachmentUrl ? `<wp:attachment_url>${cdata(p.attachmentUrl)}</wp:attachment_url>` : ''}
    ${categories}${tags}${meta}${comments}
  </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>${site.title}</title>
  <link>${site.url}</link>
  <description>Les nouvelles de la vallée</description>
  <language>fr-FR</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${site.url}</wp:base_site_url>
  <wp:base_blog_url>${site.url}</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('mgirard')}</wp:author_login><wp:author_email>${cdata('m.girard@echo-vallee.example')}</wp:author_email><wp:author_display_name>${cdata('Mathilde Girard')}</wp:author_display_name><wp:author_first_name>${cdata('Mathilde')}</wp:author_first_name><wp:author_last_name>${cdata('Girard')}</wp:author_last_name><wp:author_description>${cdata('Mathilde Girard suit la vie municipale de la vallée depuis 2012.')}</wp:author_description></wp:author>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>${cdata('pierrot')}</wp:author_login><wp:author_email></wp:author_email><wp:author_display_name>${cdata('Pierre Lenoir')}</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>${cdata('vie-locale')}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Vie locale')}</wp:cat_name></wp:category>
  <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>${cdata('environnement')}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Environnement')}</wp:cat_name><wp:category_description>${cdata('Rivières, forêts et climat')}</wp:category_description></wp:category>
  <wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>${cdata('conseil-municipal')}</wp:tag_slug><wp:tag_name>${cdata('Conseil municipal')}</wp:tag_name></wp:tag>
${items.join('')}
</channel>
</rss>
`;
}

/** `count` plain published posts of one section, numbered: enough to follow an import's progress. */
export function numberedPosts(count: number, slugPrefix = 'conseil-seance'): FixturePost[] {
  return Array.from({ length: count }, (_, n) => ({
    id: n + 1,
    title: `Conseil communautaire, séance nº ${n + 1}`,
    slug: `${slugPrefix}-${n + 1}`,
    status: 'publish',
    date: `2020-0${1 + (n % 9)}-1${n % 10} 18:00:00`,
    content: `<p>Compte rendu de la séance nº ${n + 1} : budget, voirie et cantine.</p>`,
    categories: [['vie-publique', 'Vie publique']],
  }));
}
