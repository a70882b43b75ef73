import type { Role } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';

/** Who is acting: a signed-in person, an API token's owner, or the system (scheduler, import). */
export interface Actor {
  /** null for the system actor. */
  userId: number | null;
  name: string;
  role: Role | 'system';
  /** The author profile the account signs as, if any. */
  personId: number | null;
  /** For API tokens: the scopes granted; undefined for a browser session (the role decides). */
  scopes?: readonly Permission[];
}

/** Every back-office action, named once. Operations check these; the test matrix covers every role × action. */
export const PERMISSIONS = [
  'article:create',
  'article:edit-own',
  'article:edit-shared',
  'article:edit-any',
  'article:submit',
  'article:publish',
  'article:delete',
  'article:preview-link',
  'media:upload',
  'media:edit',
  'media:delete',
  'curation:home',
  'curation:sections',
  'curation:dossiers',
  'curation:series',
  'curation:pages',
  'curation:people',
  'curation:podcasts',
  'comment:moderate',
  'desk:use',
  'user:manage',
  'settings:manage',
  'audit:read',
  'token:manage-own',
  'integration:manage',
  'newsletter:manage',
  'site:import',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const WRITER: Permission[] = ['article:create', 'article:edit-own', 'article:submit', 'media:upload', 'token:manage-own'];
const JOURNALIST: Permission[] = [...WRITER, 'article:edit-shared', 'media:edit'];
const EDITOR: Permission[] = [
  ...JOURNALIST,
  'article:edit-any',
  'article:publish',
  'article:delete',
  'article:preview-link',
  'media:delete',
  'curation:home',
  'curation:sections',
  'curation:dossiers',
  'curation:series',
  'curation:pages',
  'curation:people',
  'curation:podcasts',
  'comment:moderate',
  'desk:use',
  'newsletter:manage',
];

/** What each role may do. Least privilege: a moderator touches comments only; administrators everything. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  contributeur: new Set(WRITER),
  journaliste: new Set(JOURNALIST),
  editeur: new Set(EDITOR),
  moderateur: new Set(['comment:moderate']),
  administrateur: new Set(PERMISSIONS),
};

export const ROLE_LABELS: Record<Role, string> = {
  contributeur: 'Contributeur',
  journaliste: 'Journaliste',
  editeur: 'Éditeur',
  moderateur: 'Modérateur',
  administrateur: 'Administrateur',
};

/** The scheduler, the job runner and the importer act as this actor. */
export const SYSTEM_ACTOR: Actor = { userId: null, name: 'Système', role: 'system', personId: null };

/** True when the actor may perform the action (an API token also needs the scope). */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.role === 'system') return true;
  if (!ROLE_PERMISSIONS[actor.role].has(permission)) return false;
  return actor.scopes === undefined || actor.scopes.includes(permission);
}

/** Throws a 403 AppError unless the actor may perform the action. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden', 403, 'Vous n’avez pas le droit de faire cela.', { details: { permission } });
}

/**
 * Whether the actor may change an image's credit, alt text, caption and focal point: any image
 * with `media:edit` (journalists, editors), else only the images they uploaded themselves (a
 * contributor correcting their own credit).
 */
export function canEditImage(actor: Actor, image: { uploadedByUserId: number | null }): boolean {
  if (can(actor, 'media:edit')) return true;
  return actor.userId !== null && image.uploadedByUserId === actor.userId && can(actor, 'media:upload');
}
