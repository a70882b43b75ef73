import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are ISO 8601 strings in UTC on both engines
 * (see docs/decisions/0002-portable-storage.md); JSON documents are stored as text.
 */
export interface Database {
  settings: SettingsTable;
  nav_items: NavItemTable;
  sections: SectionTable;
  people: PersonTable;
  images: ImageTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  corrections: CorrectionTable;
  dossiers: DossierTable;
  dossier_articles: DossierArticleTable;
  series: SeriesTable;
  pages: PageTable;
  slug_redirects: SlugRedirectTable;
  users: UserTable;
  sessions: SessionTable;
  account_tokens: AccountTokenTable;
  login_attempts: LoginAttemptTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  article_revisions: ArticleRevisionTable;
  article_shares: ArticleShareTable;
  media_files: MediaFileTable;
  home_slots: HomeSlotTable;
  app_secrets: AppSecretTable;
  app_state: AppStateTable;
  cache_invalidations: CacheInvalidationTable;
  job_workers: JobWorkerTable;
  idempotency_keys: IdempotencyKeyTable;
  readers: ReaderTable;
  reader_tokens: ReaderTokenTable;
  reader_sessions: ReaderSessionTable;
  rate_events: RateEventTable;
  used_challenges: UsedChallengeTable;
  moderation_lists: ModerationListTable;
  comments: CommentTable;
  comment_likes: CommentLikeTable;
  comment_reports: CommentReportTable;
  comment_threads: CommentThreadTable;
  spam_tokens: SpamTokenTable;
  reader_notices: ReaderNoticeTable;
  search_words: SearchWordTable;
  search_passages: SearchPassageTable;
  sitemap_months: SitemapMonthTable;

  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  import_sources: ImportSourceTable;
  legacy_redirects: LegacyRedirectTable;
  imported_comments: ImportedCommentTable;
  import_runs: ImportRunTable;
  content_api_keys: ContentApiKeyTable;
  // The curation desk (src/desk).
  desk_outlets: DeskOutletTable;
  desk_feeds: DeskFeedTable;
  desk_items: DeskItemTable;
  desk_clusters: DeskClusterTable;
  desk_drafts: DeskDraftTable;
  desk_views: DeskViewTable;
  desk_settings: DeskSettingsTable;
  // Podcasts and videos (src/podcasts)
  podcast_shows: PodcastShowTable;
  podcast_episodes: PodcastEpisodeTable;
  article_videos: ArticleVideoTable;
  // Wire (src/wire)
  wire_agencies: WireAgencyTable;
  wire_items: WireItemTable;
  comment_classifier: CommentClassifierTable;
  // Newsletters (src/newsletters)
  newsletters: NewsletterTable;
  newsletter_subscriptions: NewsletterSubscriptionTable;
  newsletter_confirmations: NewsletterConfirmationTable;
  newsletter_suppressions: NewsletterSuppressionTable;
  newsletter_editions: NewsletterEditionTable;
  newsletter_sends: NewsletterSendTable;
  newsletter_send_pace: NewsletterSendPaceTable;
  newsletter_bounce_mailbox: NewsletterBounceMailboxTable;
}

/** Site-wide: ouverts (post-moderation), pré-modération, fermés (read-only), suspendus (notice replaces the area). */
export type CommentsMode = 'open' | 'premoderation' | 'closed' | 'suspended';
/** Per article: as the site, or its own mode (suspension is site-wide only). */
export type CommentsSetting = 'inherit' | 'open' | 'premoderation' | 'closed';
/** brouillon → soumis → prêt → publié (or programmé) → dépublié. */
export type ArticleStatus = 'draft' | 'submitted' | 'ready' | 'scheduled' | 'published' | 'unpublished';
export type Role = 'contributeur' | 'journaliste' | 'editeur' | 'moderateur' | 'administrateur';
export type UserStatus = 'invited' | 'active' | 'disabled';
export type AccountTokenPurpose = 'setup' | 'invitation' | 'password_reset';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';
export type ArticleFormat = 'actualite' | 'decryptage' | 'pepite' | 'depeche' | 'video' | 'podcast' | 'chronique';
export type PersonKind = 'staff' | 'contributor';
export type NavKind = 'section' | 'page' | 'url';
export type PageKind = 'about' | 'legal' | 'accessibility' | 'newsletter' | 'other';

export interface SettingsTable {
  id: number; // always 1
  name: string;
  tagline: string;
  public_url: string | null;
  language: string;
  logo_image_id: number | null;
  comments_mode: CommentsMode;
  comments_notice: string;
  /** 1: feeds carry each article's full text; 0: its lead only. */
  feed_full_text: Generated<number>;
  updated_at: string;
  /** Comments close automatically this many days after publication (0: never). */
  comments_close_after_days: Generated<number>;
  /** Reports + refusals on one article within the window that switch it to pré-modération. */
  comments_alert_threshold: Generated<number>;
  comments_alert_window_hours: Generated<number>;
  /** Spam probability above which a comment goes to the queue. */
  comments_spam_threshold: Generated<number>;
}

export interface NavItemTable {
  id: Generated<number>;
  position: number;
  label: string;
  kind: NavKind;
  /** Section slug, page slug or absolute URL depending on kind. */
  target: string;
}

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: PersonKind;
  /** Role or expertise line shown under the name ("Économiste, chercheur au CNRS"). */
  role_line: string;
  bio: string;
  photo_image_id: number | null;
  /** JSON array of { label, url }. */
  links: string;
  created_at: string;
}

export interface ImageTable {
  id: Generated<number>;
  /** File name of the original under DATA_DIR/media/originals. */
  file_key: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  /** Focal point as fractions 0–1 of width and height. */
  focal_x: number;
  focal_y: number;
  created_at: string;
  /** Who uploaded it (null: the demo, the import, or a deleted account). */
  uploaded_by_user_id: Generated<number | null>;
}

export interface ArticleTable {
  id: Generated<number>;
  format: ArticleFormat;
  section_id: number;
  series_id: number | null;
  kicker: string;
  headline: string;
  slug: string;
  lead: string;
  /** ProseMirror/Tiptap JSON document. */
  body: string;
  hero_image_id: number | null;
  source_outlet: string | null;
  source_url: string | null;
  source_headline: string | null;
  status: ArticleStatus;
  created_at: string;
  published_at: string | null;
  /** Set when a published article is updated: the public "mis à jour" date. */
  updated_at: string | null;
  seo_title: string | null;
  seo_description: string | null;
  comments_setting: CommentsSetting;
  /** Incremented on every save: optimistic locking compares it. */
  revision: number;
  created_by_user_id: Generated<number | null>;
  /** SHA-256 of the private preview link's token, when an editor made one. */
  preview_token_hash: Generated<string | null>;
  submitted_at: Generated<string | null>;
  /** Last save in the back office (any state), distinct from the public "mis à jour". */
  edited_at: Generated<string | null>;
  edited_by_user_id: Generated<number | null>;
  /** Key of the "new article" form whose first save created it (idempotent creation); null otherwise. */
  draft_key: Generated<string | null>;
  /** The body rendered for the public page, images as placeholders (articles/body/stored-body.ts). */
  body_html: Generated<string | null>;
  /** Renderer version and hash of the body and site origin body_html was rendered from. */
  body_html_key: Generated<string | null>;
  /** Words of the body text, stored with body_html. */
  body_words: Generated<number | null>;
}

export interface ArticleAuthorTable {
  article_id: number;
  person_id: number;
  position: number;
  /** The article's published_at while it is published, else null (triggers keep it): an author's public articles by index (isPublicLink). */
  public_at: Generated<string | null>;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** The article's published_at while it is published, else null (triggers keep it): a tag's public articles by index (isPublicLink). */
  public_at: Generated<string | null>;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  noted_at: string;
  text: string;
}

export interface DossierTable {
  id: Generated<number>;
  slug: string;
  section_id: number | null;
  title: string;
  introduction: string;
  hero_image_id: number | null;
  published_at: string | null;
  created_at: string;
}

export interface DossierArticleTable {
  dossier_id: number;
  article_id: number;
  position: number;
}

export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  section_id: number | null;
  title: string;
  description: string;
  /** Free text such as "chaque lundi". */
  cadence: string;
  created_at: string;
}

export interface PageTable {
  id: Generated<number>;
  slug: string;
  kind: PageKind;
  title: string;
  lead: string;
  /** ProseMirror/Tiptap JSON document. */
  body: string;
  updated_at: string;
}

export interface SlugRedirectTable {
  id: Generated<number>;
  old_slug: string;
  article_id: number;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** The public author profile this account signs as. */
  person_id: number | null;
  /** argon2id PHC string; null until the person sets a password. */
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  /** The TOTP time step last used to sign in: an older or equal step is a replayed code. */
  totp_last_step: Generated<number | null>;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the session id held in the cookie: a stolen database does not give live sessions. */
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  /** 1 once the TOTP code was given (or when the account has no second factor). */
  second_factor_done: Generated<number>;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface AccountTokenTable {
  id: Generated<number>;
  user_id: number;
  purpose: AccountTokenPurpose;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** Lower-cased e-mail address tried. */
  account: string;
  ip: string;
  succeeded: number;
  attempted_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** JSON array of scope names. */
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  /** Who acted, as shown: a name, "planificateur", "import". Kept when the account is deleted. */
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** JSON object. */
  details: Generated<string>;
  created_at: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** JSON object, validated by the job's zod schema. */
  payload: Generated<string>;
  /** At most one pending job per key (e.g. "publish:article:12"). */
  unique_key: string | null;
  run_at: string;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  /** JSON of the article's editable fields at that revision. */
  snapshot: string;
  user_id: number | null;
  created_at: string;
}

export interface ArticleShareTable {
  article_id: number;
  user_id: number;
}

export type MediaKind = 'audio' | 'video';

export interface MediaFileTable {
  id: Generated<number>;
  kind: MediaKind;
  file_key: string;
  mime: string;
  bytes: number;
  duration_seconds: number | null;
  title: string;
  credit: string;
  created_at: string;
}

export interface HomeSlotTable {
  /** 0 is the lead story; 1… the top stories in order. */
  position: number;
  article_id: number;
}

/** What the application remembers about its own data between starts (migration 20261209T0201). */
export interface AppStateTable {
  key: string;
  value: string;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export interface CacheInvalidationTable {
  id: Generated<number>;
  /** The process that invalidated (it skips its own rows). */
  origin: string;
  /** JSON array of content tags. */
  tags: string;
  created_at: string;
}

/** A live job runner: its jobs are taken back when it stops beating or its process is gone. */
export interface JobWorkerTable {
  /** host:pid:random, the value of jobs.locked_by. */
  id: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
}

/** The first response to an API call made with an Idempotency-Key, replayed to its retries for 24 h. */
export interface IdempotencyKeyTable {
  user_id: number;
  key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** Null while the first request is still running. */
  status: number | null;
  location: string | null;
  body: string | null;
  created_at: string;
}

export type ReaderStatus = 'active' | 'suspended' | 'banned';
export type ReaderTokenPurpose = 'sign_in' | 'email_change';
/** visible; pending (queue); rejected (refused by rule or moderator); removed (deleted by its author). */
export type CommentStatus = 'visible' | 'pending' | 'rejected' | 'removed';
export type ReaderNoticeKind = 'refusal' | 'warning' | 'suspension' | 'ban' | 'approval';

export interface ReaderTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  /** Empty until the reader chooses one (needed to comment). */
  display_name: Generated<string>;
  /** Folded display name (see readers/display-name.ts): unique. */
  name_key: string | null;
  /** The person's own name as a source gave it (an imported Ghost member's): private, never shown publicly. */
  full_name: Generated<string>;
  bio: Generated<string>;
  status: Generated<ReaderStatus>;
  suspended_until: string | null;
  /** The message the moderators gave with a suspension or ban. */
  sanction_message: Generated<string>;
  notify_replies: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ReaderTokenTable {
  id: Generated<number>;
  /** null for a sign-in link to an address without an account yet. */
  reader_id: number | null;
  email: string;
  purpose: ReaderTokenPurpose;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ReaderSessionTable {
  id_hash: string;
  reader_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface RateEventTable {
  id: Generated<number>;
  /** What is counted: "comment:reader:12", "signin:ip:<hash>"… */
  bucket: string;
  created_at: string;
}

export interface UsedChallengeTable {
  signature: string;
  expires_at: string;
}

export interface ModerationListTable {
  /** disposable_domains, banned_words, suspect_words. */
  name: string;
  /** One entry a line. */
  entries: string;
  updated_at: string;
}

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  /** null once the author deleted their account and chose to keep the comments ("Compte supprimé"). */
  reader_id: number | null;
  parent_id: number | null;
  body: string;
  /** The folded body, to find repeated text. */
  body_key: Generated<string>;
  status: CommentStatus;
  created_at: string;
  edited_at: string | null;
  like_count: Generated<number>;
  reply_count: Generated<number>;
  report_count: Generated<number>;
  featured: Generated<number>;
  spam_score: number | null;
  /** JSON array of { rule, outcome, detail } the rules logged before the comment was shown. */
  rules: Generated<string>;
  /** The statement of reasons shown to the author when refused. */
  decision_reason: Generated<string>;
  decided_at: string | null;
  decided_by_user_id: number | null;
  contested_at: string | null;
  contest_text: Generated<string>;
  /** Keyed hash of the poster's address (bursts from one address), never the address. */
  ip_hash: Generated<string>;
  // Staff badges (comments/staff-badge.ts): set by the server when posted, never from the form.
  /** 'redaction', 'contributeur' (outside expert), 'auteur' (an author of the article), '' for a reader. */
  author_badge: Generated<CommentBadge>;
  /** The staff author's role or expertise line when posted ("Économiste"), '' otherwise. */
  author_badge_line: Generated<string>;
}

/** The external comment classifier (comments/external-classifier.ts): one row, id 1; url '' = off. */
export interface CommentClassifierTable {
  id: number;
  url: string;
  /** Standard Webhooks signing key (whsec_…), shown once to the administrator. */
  secret: string;
  /** Score (0–1) from which a comment goes back to the moderators' queue. */
  threshold: number;
  updated_at: string;
}

/** Who a comment's author is for the newsroom: staff, an author of the article, or a reader (''). */
export type CommentBadge = 'redaction' | 'contributeur' | 'auteur' | '';

export interface CommentLikeTable {
  comment_id: number;
  reader_id: number;
  created_at: string;
}

export interface CommentReportTable {
  id: Generated<number>;
  comment_id: number;
  reader_id: number | null;
  reason: string;
  text: Generated<string>;
  created_at: string;
  resolved_at: string | null;
}

export interface CommentThreadTable {
  article_id: number;
  visible_count: Generated<number>;
  /** Set when the abuse rate switched the article to pré-modération by itself. */
  auto_premoderation_at: string | null;
  auto_premoderation_reason: Generated<string>;
}

export interface SpamTokenTable {
  /** A word or word pair; the row "" counts the documents learned (spam, ham). */
  token: string;
  spam: Generated<number>;
  ham: Generated<number>;
}

export interface ReaderNoticeTable {
  id: Generated<number>;
  reader_id: number;
  kind: ReaderNoticeKind;
  comment_id: number | null;
  message: string;
  created_at: string;
}

/** A word of the published texts, as written (lower case) and folded, for spelling suggestions. */
export interface SearchWordTable {
  word: string;
  folded: string;
  length: number;
}

/** The plain text of an indexed article's body, written with its search index entry (snippets are cut from it). */
export interface SearchPassageTable {
  article_id: number;
  body: string;
}

/** Published articles per UTC month of publication ("2026-11"), kept by triggers on articles (the sitemap index). */
export interface SitemapMonthTable {
  month: string;
  /** Published, including those whose time has not come yet (the sitemap index subtracts them). */
  articles: number;
  /** The month's list last changed (an article entered, changed or left it). */
  lastmod: string;
}

// The index tables themselves (search_fts on SQLite, search_documents on PostgreSQL) are typed in
// src/search/search-repository.ts, the only place that reads or writes them.

export interface WebhookEndpointTable {
  id: Generated<number>;
  url: string;
  description: Generated<string>;
  /** The signing secret (Standard Webhooks form: whsec_ + base64), shown to administrators only. */
  secret: string;
  /** JSON array of event types the endpoint receives. */
  events: string;
  enabled: Generated<number>;
  /** Deliveries given up in a row; past the limit the endpoint is disabled. */
  consecutive_failures: Generated<number>;
  disabled_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryTable {
  id: Generated<number>;
  endpoint_id: number;
  /** The webhook-id header: the same on every attempt, so receivers can drop duplicates. */
  event_id: string;
  event_type: string;
  /** The JSON body, fixed when the event happened: every attempt sends the same bytes. */
  body: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  response_status: number | null;
  response_excerpt: string | null;
  duration_ms: number | null;
  error: string | null;
  created_at: string;
  last_attempt_at: string | null;
}

/** What an imported thing became: a second run of the same import updates it instead of adding one. */
export interface ImportSourceTable {
  /** The system and site it came from, e.g. "wordpress:https://ancien.exemple.fr". */
  source: string;
  kind: 'article' | 'page' | 'section' | 'person' | 'image';
  /** Its id or address there. */
  source_key: string;
  target_id: number;
  /** A digest of what was imported last time: unchanged input, nothing written. */
  fingerprint: Generated<string>;
  imported_at: string;
}

/** An address of the old site (path and query) that answers 301 to what it became. */
export interface LegacyRedirectTable {
  path: string;
  target_kind: 'article' | 'page' | 'section' | 'person' | 'tag';
  target_id: number;
  created_at: string;
}

/** A comment of the old site, kept with its article until the comments feature takes it in. */
export interface ImportedCommentTable {
  id: Generated<number>;
  article_id: number;
  source: string;
  source_id: string;
  parent_source_id: string | null;
  author_name: string;
  author_email: Generated<string>;
  author_url: Generated<string>;
  content: string;
  approved: number;
  written_at: string;
}

/** A key of the public Content API: stored hashed, shown once; origins allowed to call it from browsers. */
export interface ContentApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  /** JSON array of origins ("https://app.exemple.fr"), or ["*"] for any. */
  allowed_origins: Generated<string>;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
}

// The curation desk (src/desk): outlets watched, their feeds, the items read, stories, drafts, views.

export type DeskFeedKind = 'auto' | 'rss' | 'atom' | 'json' | 'news-sitemap';

export interface DeskOutletTable {
  id: Generated<number>;
  name: string;
  site_url: string;
  logo_url: string | null;
  language: string;
  country: string;
  /** 1: the outlet allows quoting beyond a short extract (the quote guard warns but never blocks). */
  quote_allowed: number;
  created_at: string;
  updated_at: string;
}

export interface DeskFeedTable {
  id: Generated<number>;
  outlet_id: number;
  url: string;
  kind: DeskFeedKind;
  interval_minutes: number;
  /** Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  last_modified: string | null;
  next_fetch_at: string;
  last_fetch_at: string | null;
  last_success_at: string | null;
  /** The last failure, in French, as the editors read it. */
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: Generated<number>;
  created_at: string;
}

export interface DeskItemTable {
  id: Generated<number>;
  outlet_id: number;
  feed_id: number | null;
  guid: string | null;
  /** Canonical address: tracking parameters removed, fragment dropped. */
  url: string;
  headline: string;
  summary: string;
  language: string;
  published_at: string;
  first_seen_at: string;
  updated_at: string;
  cluster_id: number | null;
  /** The article text read from the page on demand (JSON, see desk/extract-article.ts), for the editor only. */
  extracted: string | null;
  extracted_at: string | null;
}

export interface DeskClusterTable {
  id: Generated<number>;
  first_item_id: number | null;
  item_count: number;
  first_seen_at: string;
  last_seen_at: string;
}

export interface DeskDraftTable {
  article_id: number;
  item_id: number;
  created_by: number | null;
  created_at: string;
}

export interface DeskViewTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The desk filters as JSON (see desk/desk-filters.ts). */
  filters: string;
  created_at: string;
}

export interface DeskSettingsTable {
  id: number; // always 1
  /** The quote guard warns when a draft repeats a run of the original longer than this (words). */
  quote_warn_words: Generated<number>;
  /** ...and refuses publication above this one (unless the outlet allows quoting). */
  quote_block_words: Generated<number>;
  updated_at: string | null;
}

// --- Imports from the back office (importers/runs) ---

/** checking → checked (dry run report shown) → importing → done; failed at any step. */
export type ImportRunStatus = 'checking' | 'checked' | 'importing' | 'done' | 'failed' | 'cancelled';

/** An import started from the back office: its file, its progress and its reports (JSON). */
export interface ImportRunTable {
  id: Generated<number>;
  format: 'wordpress' | 'ghost';
  /** The name the browser gave (shown only). */
  file_name: string;
  /** Where the upload was stored under DATA_DIR. */
  file_path: string;
  file_bytes: number;
  /** JSON: { fetchImages, siteUrl }. */
  options: Generated<string>;
  status: ImportRunStatus;
  /** Posts and pages handled so far by the current step, of total. */
  done: Generated<number>;
  total: Generated<number>;
  /** JSON summary of the dry run, then of the import. */
  check_report: string | null;
  report: string | null;
  /** French message of a failure that stopped the step (a broken file). */
  error: string | null;
  /** Where a cancelled or failed run resumes ("Reprendre"); null when it cannot. */
  resume_status: 'checking' | 'checked' | 'importing' | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

// ---- Wire (dépêches): src/wire ----

export type WireRule = 'auto' | 'hold';
export type WireFormat = 'newsml' | 'ninjs' | 'rss';
/** held: waits for an editor; published/scheduled: became an article; withdrawn: killed by the agency; discarded: refused by an editor. */
export type WireItemState = 'held' | 'published' | 'scheduled' | 'withdrawn' | 'discarded';

/** A news agency: how its items arrive (folder, HTTP pull), how they are read and where they go. */
export interface WireAgencyTable {
  id: Generated<number>;
  name: string;
  /** The byline of its dépêches: a person named after the agency. */
  person_id: number;
  section_id: number;
  /** JSON array of tag names added to every dépêche. */
  tags: Generated<string>;
  rule: WireRule;
  format: WireFormat;
  folder_path: string | null;
  pull_url: string | null;
  poll_seconds: Generated<number>;
  enabled: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  items_received: Generated<number>;
  files_failed: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One agency item (GUID): the last version applied and what it became. */
export interface WireItemTable {
  id: Generated<number>;
  agency_id: number;
  guid: string;
  version: number;
  state: WireItemState;
  headline: string;
  /** JSON of the parsed item (WireItem), kept so a held item can be published later. */
  payload: string;
  embargo_until: string | null;
  article_id: number | null;
  received_at: string;
  updated_at: string;
  /** The photo (address, or file kept in the agency's folder) the dépêche's main image came from. */
  photo_href: string | null;
  /** The image stored from it (an editor's own choice of main image is never replaced). */
  photo_image_id: number | null;
  /** Why the item's photo could not be had (PhotoFailure code), and the detail; null when it could. */
  photo_problem: string | null;
  photo_reason: string | null;
}

/* ------------------------------------------------------------------ podcasts and videos (src/podcasts) */

export type EpisodeType = 'full' | 'trailer' | 'bonus';

/** A podcast show: what its feed's channel says (Apple and Podcasting 2.0). */
export interface PodcastShowTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  /** Square cover art, 1400–3000 px (checked when chosen). */
  cover_image_id: number | null;
  /** Apple Podcasts category and subcategory (podcasts/apple-categories.ts). */
  category: string;
  subcategory: Generated<string>;
  /** 1 when the show is explicit. */
  explicit: Generated<number>;
  language: Generated<string>;
  author_name: string;
  owner_name: string;
  owner_email: string;
  apple_url: Generated<string>;
  spotify_url: Generated<string>;
  /** JSON array of { label, url }: other platforms. */
  other_links: Generated<string>;
  /** podcast:locked: 1 forbids other hosts to import the feed. */
  locked: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The podcast fields of an article of format podcast. */
export interface PodcastEpisodeTable {
  article_id: number;
  show_id: number;
  audio_file_id: number | null;
  season: number | null;
  episode_number: number | null;
  episode_type: Generated<EpisodeType>;
  /** JSON array of { start, title } (seconds), in order. */
  chapters: Generated<string>;
  /** JSON array of cues { start, end, text } (seconds). */
  transcript: Generated<string>;
  updated_at: string;
}

/** The video fields of an article of format video: a hosted file or an embed. */
export interface ArticleVideoTable {
  article_id: number;
  video_file_id: number | null;
  poster_image_id: number | null;
  /** JSON array of caption cues { start, end, text } (seconds); served as WebVTT. */
  captions: Generated<string>;
  embed_provider: 'youtube' | 'vimeo' | 'dailymotion' | null;
  embed_id: string | null;
  /** The embed's channel, for the poster's credit ("Capture d’écran YouTube / <chaîne>"). */
  channel: Generated<string>;
  updated_at: string;
}

// ── Newsletters (src/newsletters) ────────────────────────────────────────────────────────────────

/** A newsletter readers subscribe to; `recipe` (JSON, newsletters/recipe.ts) says what its editions gather. */
export interface NewsletterTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  /** How often it comes, in words ("Du lundi au samedi, à 7 heures"). */
  cadence: Generated<string>;
  sender_name: string;
  sender_email: string;
  reply_to: Generated<string>;
  recipe: string;
  /** Hour (Paris time, 0–23) of the daily edition, or null: sent by hand. */
  send_hour: number | null;
  needs_approval: Generated<number>;
  public_archive: Generated<number>;
  /** Opt-in (CNIL): opens and clicks counted per edition, never per reader. Off by default. */
  count_audience: Generated<number>;
  position: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** active: receives editions; unsubscribed, bounced (hard bounce) and complained receive nothing. */
export type SubscriptionStatus = 'active' | 'unsubscribed' | 'bounced' | 'complained';

export interface NewsletterSubscriptionTable {
  id: Generated<number>;
  newsletter_id: number;
  reader_id: number;
  status: SubscriptionStatus;
  /** Proof of consent: when, and where from (form, import file). */
  consent_at: string;
  consent_source: string;
  soft_bounces: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A double opt-in link waiting to be used (token kept hashed; single use; expires). */
export interface NewsletterConfirmationTable {
  id: Generated<number>;
  email: string;
  /** JSON array of newsletter ids. */
  newsletter_ids: string;
  source: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** An erased address: only its keyed hash, so an import cannot bring it back. */
export interface NewsletterSuppressionTable {
  email_hash: string;
  reason: string;
  created_at: string;
}

/** draft → (awaiting_approval) → scheduled → sending → sent. */
export type EditionStatus = 'draft' | 'awaiting_approval' | 'scheduled' | 'sending' | 'sent';

export interface NewsletterEditionTable {
  id: Generated<number>;
  newsletter_id: number;
  subject: string;
  intro: Generated<string>;
  /** JSON array of blocks (newsletters/edition-blocks.ts). */
  blocks: string;
  status: EditionStatus;
  scheduled_at: string | null;
  approved_by: number | null;
  created_by: number | null;
  started_at: string | null;
  sent_at: string | null;
  recipients: Generated<number>;
  /** Aggregate counts only (when the newsletter counts its audience): no reader is ever recorded. */
  opens: Generated<number>;
  clicks: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The sending cap shared by every process (one row, id 1; 0: no cap) and the next free slot, ms since the epoch. */
/** How far a bounce mailbox has been read (IMAP): its UIDVALIDITY and the highest UID handled. */
export interface NewsletterBounceMailboxTable {
  mailbox: string;
  uid_validity: number;
  last_uid: Generated<number>;
  updated_at: string;
}

export interface NewsletterSendPaceTable {
  id: number;
  per_second: Generated<number>;
  per_hour: Generated<number>;
  next_slot_ms: Generated<number>;
  updated_at: string | null;
}

/** pending → sending (claimed by a worker) → sent | failed (hard) | given_up (soft, retried too often). */
export type SendStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'given_up';

export interface NewsletterSendTable {
  edition_id: number;
  reader_id: number;
  email: string;
  status: SendStatus;
  worker: string | null;
  attempts: Generated<number>;
  /** Claimed by a worker that died mid-transaction: sent again with the same Message-ID. */
  in_doubt: Generated<number>;
  /** While sending: the claim is the worker's until then; a claim never acknowledged by then is taken back. */
  lease_until: string | null;
  next_attempt_at: string | null;
  /** When the last attempt was handed to the SMTP server (the pacer's slot let it start). */
  started_at: string | null;
  sent_at: string | null;
  error: string | null;
}
