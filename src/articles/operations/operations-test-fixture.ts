import type { Actor } from '../../accounts/policy.ts';
import type { Db } from '../../core/db/database.ts';
import type { Role } from '../../core/db/schema.ts';
import { createImage, createPerson, createSection } from '../../../test/support/content-factories.ts';
import { createUser } from '../../../test/support/sign-in.ts';
import type { ArticleInputData } from './article-input.ts';

// Test data for the operations tests (used by tests only): accounts as actors, and a newsroom
// with what a publishable article needs.

/** A new account of the role, as the actor operations receive; writers get an author profile. */
export async function actorFor(db: Db, role: Role, options: { personId?: number | null | true } = {}): Promise<Actor> {
  const personId = options.personId !== undefined ? options.personId : role === 'contributeur' || role === 'journaliste' ? true : null;
  const user = await createUser(db, { role, personId });
  return { userId: user.userId, name: user.name, role, personId: user.personId };
}

/** A section, an author and a credited image with alt text: what publishing requires. */
export async function newsroom(db: Db) {
  const section = await createSection(db);
  const otherSection = await createSection(db);
  const author = await createPerson(db);
  const image = await createImage(db, { alt: 'Le port de Vladivostok', credit: 'AFP' });
  /** A complete article input (every field publishing needs), with overrides. */
  const input = (over: Partial<ArticleInputData> = {}): ArticleInputData => ({
    format: 'actualite',
    sectionId: section.id,
    kicker: 'Diplomatie',
    headline: `Sommet de Vladivostok ${Math.random().toString(36).slice(2, 8)}`,
    lead: 'Les deux dirigeants se sont rencontrés mardi.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Le sommet s’est ouvert mardi.' }] }] },
    heroImageId: image.id,
    authorPersonIds: [author.id],
    tags: ['Russie', 'Corée du Nord'],
    ...over,
  });
  return { section, otherSection, author, image, input };
}
