/**
 * Failures of what Kysely stands on (disk, folders, database server) rather than of a request:
 * they become a French 503 for the reader and one clear line in the log naming the real cause.
 */
const SQLITE_CAUSES: Record<number, string> = {
  5: 'SQLITE_BUSY : base verrouillée par un autre processus',
  8: 'SQLITE_READONLY : base en lecture seule',
  10: 'SQLITE_IOERR : erreur d’entrée-sortie du disque',
  13: 'SQLITE_FULL : disque plein',
  14: 'SQLITE_CANTOPEN : fichier de base impossible à ouvrir',
};

const SYSTEM_CAUSES: Record<string, string> = {
  ENOSPC: 'ENOSPC : disque plein',
  EROFS: 'EROFS : système de fichiers en lecture seule',
  EACCES: 'EACCES : permission refusée',
  EPERM: 'EPERM : opération non permise',
  EIO: 'EIO : erreur d’entrée-sortie',
  ENOTDIR: 'ENOTDIR : un élément du chemin n’est pas un dossier',
  ECONNREFUSED: 'ECONNREFUSED : connexion refusée par le serveur de base de données',
  ECONNRESET: 'ECONNRESET : connexion à la base de données coupée',
  ETIMEDOUT: 'ETIMEDOUT : la base de données ne répond pas',
  ENOTFOUND: 'ENOTFOUND : serveur de base de données introuvable',
  EHOSTUNREACH: 'EHOSTUNREACH : serveur de base de données injoignable',
};

// PostgreSQL SQLSTATE classes and codes that say the server, not the query, is the problem.
const POSTGRES_CAUSES: Record<string, string> = {
  '53100': 'PostgreSQL : disque plein',
  '53200': 'PostgreSQL : mémoire épuisée',
  '53300': 'PostgreSQL : trop de connexions',
  '57P01': 'PostgreSQL : serveur arrêté par l’administrateur',
  '57P02': 'PostgreSQL : arrêt brutal du serveur',
  '57P03': 'PostgreSQL : le serveur ne peut pas encore accepter de connexions',
  '25006': 'PostgreSQL : transaction en lecture seule (réplique ?)',
};

/** Names the infrastructure cause of an error (following `cause`), or null when it is not one. */
export function infrastructureCause(error: unknown): string | null {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; e = e.cause as Record<string, unknown>, depth++) {
    if (typeof e !== 'object') return null;
    const message = typeof e.message === 'string' ? e.message : '';
    if (e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') {
      // Extended result codes keep the primary code in their low byte.
      const cause = SQLITE_CAUSES[e.errcode & 0xff];
      if (cause) return `${cause} (${message})`;
    }
    if (typeof e.code === 'string') {
      const cause =
        SYSTEM_CAUSES[e.code] ?? POSTGRES_CAUSES[e.code] ?? (e.code.startsWith('08') ? 'PostgreSQL : connexion perdue' : undefined);
      if (cause) return `${cause}${typeof e.path === 'string' ? ` (${e.path})` : message ? ` (${message})` : ''}`;
    }
    if (/^Connection terminated|^connect ECONNREFUSED|Client has encountered a connection error/.test(message)) {
      return `PostgreSQL : connexion perdue (${message})`;
    }
  }
  return null;
}
