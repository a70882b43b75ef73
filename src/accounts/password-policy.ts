import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 12;

// The commonest passwords of 12 characters or more in public breach lists, plus the obvious local ones.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  'azertyuiop12',
  'azertyuiop123',
  'azertyuiopqs',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopas',
  'motdepasse12',
  'motdepasse123',
  'motdepasse1234',
  'password1234',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'jetaime123456',
  'soleil123456',
  'bonjour123456',
  'administrateur',
  'administrator',
  'kiosque12345',
  'kiosquekiosque',
  'changezmoi123',
  'changeme1234',
  'letmein12345',
  'welcome12345',
]);

/** The rules for a new password, with the French message for each: length, not a well-known one, not repetitive. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Choisissez au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(1000, 'Ce mot de passe est trop long (1 000 caractères au plus).')
  .refine(
    (value) => !COMMON_PASSWORDS.has(value.toLowerCase().replace(/\s+/g, '')),
    'Ce mot de passe est trop courant : choisissez-en un autre.',
  )
  .refine((value) => new Set(value).size >= 4, 'Ce mot de passe est trop répétitif : variez les caractères.');

/** The password hint shown under every new-password field. */
export const PASSWORD_HINT = `Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de plusieurs mots est plus facile à retenir et plus sûre.`;
