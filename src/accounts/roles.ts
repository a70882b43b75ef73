import type { Role } from '../core/db/schema.ts';

/** Every role, from the least to the most powerful (the order of role pickers). */
export const ROLES = ['contributeur', 'journaliste', 'editeur', 'moderateur', 'administrateur'] as const satisfies readonly Role[];
