import crypto from 'node:crypto';

/** argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane). Raise them here; old hashes are redone at next login. */
export const PASSWORD_HASH_PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32, saltLength: 16 } as const;

interface Argon2Params {
  memory: number;
  passes: number;
  parallelism: number;
}

function argon2(password: string, salt: Buffer, params: Argon2Params, tagLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.argon2(
      'argon2id',
      { message: password, nonce: salt, parallelism: params.parallelism, tagLength, memory: params.memory, passes: params.passes },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

// PHC strings use unpadded standard base64.
const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

/** Hashes a password with argon2id into a PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const p = PASSWORD_HASH_PARAMS;
  const salt = crypto.randomBytes(p.saltLength);
  const hash = await argon2(password, salt, p, p.tagLength);
  return `$argon2id$v=19$m=${p.memory},t=${p.passes},p=${p.parallelism}$${b64(salt)}$${b64(hash)}`;
}

interface ParsedHash extends Argon2Params {
  salt: Buffer;
  hash: Buffer;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Reads a PHC string written by hashPassword; null for anything else. */
export function parsePasswordHash(phc: string): ParsedHash | null {
  const m = PHC.exec(phc);
  if (!m) return null;
  return {
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    salt: Buffer.from(m[4], 'base64'),
    hash: Buffer.from(m[5], 'base64'),
  };
}

/** Checks a password against a stored PHC string, comparing in constant time. */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const parsed = parsePasswordHash(phc);
  if (!parsed || parsed.hash.length < 16) return false;
  const candidate = await argon2(password, parsed.salt, parsed, parsed.hash.length);
  return crypto.timingSafeEqual(candidate, parsed.hash);
}

/** True when the stored hash was made with weaker parameters than today's: rehash after a successful login. */
export function passwordNeedsRehash(phc: string): boolean {
  const parsed = parsePasswordHash(phc);
  const p = PASSWORD_HASH_PARAMS;
  return !parsed || parsed.memory < p.memory || parsed.passes < p.passes || parsed.hash.length < p.tagLength;
}

// A real hash of a random password, so an unknown e-mail costs the same time as a wrong password.
let decoy: Promise<string> | undefined;

/** Spends the time of one verification, for unknown accounts (no timing difference to enumerate e-mails). */
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(password, await decoy);
}
