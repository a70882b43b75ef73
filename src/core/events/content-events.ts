import type { Db } from '../db/database.ts';

/**
 * Something readers or other tools can notice happened: an article went live, changed while
 * public, was withdrawn or deleted; a reader posted a comment; an address subscribed to a
 * newsletter or left it. Announced inside the transaction that made the change, so a listener
 * that queues durable work (a webhook delivery, a crawler ping) does so atomically with it: the
 * work exists if and only if the change was committed.
 */
export type ContentEvent =
  | EventOf<ArticleEventType, 'article'>
  | EventOf<'comment.created', 'comment'>
  | EventOf<SubscriberEventType, 'subscriber'>;

interface EventOf<Type extends string, Subject extends string> {
  type: Type;
  subject: { type: Subject; id: number };
  /** ISO 8601, UTC. */
  occurredAt: string;
  /** What the subject looked like once the change was made (before it, for a deletion). */
  data: Record<string, unknown>;
}

export const ARTICLE_EVENT_TYPES = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'] as const;
export type ArticleEventType = (typeof ARTICLE_EVENT_TYPES)[number];
export const SUBSCRIBER_EVENT_TYPES = ['subscriber.added', 'subscriber.removed'] as const;
export type SubscriberEventType = (typeof SUBSCRIBER_EVENT_TYPES)[number];

export const CONTENT_EVENT_TYPES = [...ARTICLE_EVENT_TYPES, 'comment.created', ...SUBSCRIBER_EVENT_TYPES] as const;
export type ContentEventType = (typeof CONTENT_EVENT_TYPES)[number];

/** True for the events about articles (what crawlers and feed hubs hear of). */
export const isArticleEvent = (event: ContentEvent): event is EventOf<ArticleEventType, 'article'> => event.subject.type === 'article';

type Listener = (db: Db, event: ContentEvent) => Promise<void>;

// Core never imports a feature: features register their listeners here at boot (as job handlers).
const listeners = new Map<string, Listener>();

/** Registers (or replaces) a named listener; it runs inside the transaction of every change. */
export function onContentEvent(name: string, listener: Listener): void {
  listeners.set(name, listener);
}

/** Runs every listener for the event, inside the caller's transaction (a failure rolls the change back). */
export async function announceContentEvent(db: Db, event: ContentEvent): Promise<void> {
  for (const listener of listeners.values()) await listener(db, event);
}
