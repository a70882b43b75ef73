import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUserFromCli } from '../accounts/cli-user-create.ts';
import { type Actor, SYSTEM_ACTOR } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { ImportReport, ImportRunOptions } from '../importers/import-session.ts';
import { ConfigError, loadConfig } from '../core/config.ts';
import type { Role } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { BackupError, backupDataDir, restoreDataDir } from './backup-command.ts';
import { rebuildSearchIndex } from '../search/search-index.ts';
import { describeDatabase, MissingDatabaseError, openCliContext } from './cli-context.ts';
import { runImport } from './import-command.ts';
import { newsletterWorker } from './newsletter-worker-command.ts';
import { ImportFileError } from './import-file.ts';
import { GhostExportError } from '../importers/ghost/ghost-export.ts';
import { importGhost } from '../importers/ghost/ghost-import.ts';
import { type ChosenTarget, NewsletterChoiceError } from '../importers/ghost/ghost-members.ts';
import { importWordPress } from '../importers/wordpress/wordpress-import.ts';
import { WxrError } from '../importers/wordpress/wxr-reader.ts';

const ROLES: readonly Role[] = ['contributeur', 'journaliste', 'editeur', 'moderateur', 'administrateur'];

export const USAGE = `Usage : npm run kiosque -- <commande>

  user:create --email ADRESSE --role RÔLE [--name NOM]
      Crée un compte et affiche son lien d’activation (à usage unique, 7 jours).
      Rôles : ${ROLES.join(', ')}.
  import FICHIER.json [--as ADRESSE] [--create]
      Crée ou met à jour les articles du fichier (voir README, « Import et API »),
      au nom du système ou du compte donné, dans la base de DATA_DIR (ou DATABASE_URL),
      qui doit exister ; --create accepte d’en créer une neuve.
  search:rebuild
      Reconstruit l’index de la recherche à partir des articles publiés.
  import:wordpress EXPORT.xml [--uploads DOSSIER] [--fetch-images] [--allow-private] [--dry-run] [--as ADRESSE] [--create]
      Importe un site WordPress (Outils › Exporter) : articles, pages, auteurs, catégories,
      étiquettes, images, commentaires ; les anciennes adresses redirigent (301). Relancé, il
      met à jour ce qui a changé sans rien dupliquer. --dry-run lit et rend compte sans rien écrire.
      Comme import, il écrit dans une base existante ; --create accepte d’en créer une neuve.
  import:ghost EXPORT.json [--images DOSSIER] [--site-url URL] [--fetch-images] [--allow-private] [--dry-run] [--as ADRESSE] [--create]
                           [--newsletter NEWSLETTER_GHOST=CIBLE …]
      Importe une publication Ghost (Réglages › Labs › Export) : articles, pages, auteurs avec
      leur biographie et leur portrait, étiquettes (la première devient la rubrique), images
      (du dossier content/images, ou de l’ancien site avec --site-url et --fetch-images) ;
      les anciennes adresses redirigent (301). Relancé, il met à jour sans rien dupliquer.
      Les membres deviennent des abonnés : ceux de chaque newsletter Ghost vont, par défaut, à la
      newsletter de Kiosque de même identifiant ou de même nom, sinon à une nouvelle. --newsletter
      (répétable) choisit : NEWSLETTER_GHOST est l’identifiant (slug) de la newsletter Ghost, ou *
      pour toutes les autres ; CIBLE celui d’une newsletter de Kiosque, nouvelle, ou aucune
      (abonnés non importés). Ex. : --newsletter lettre-du-soir=la-lettre --newsletter '*=aucune'.
  newsletter:worker
      Envoie les newsletters (et compose les éditions quotidiennes) dans ce processus seul,
      jusqu’à SIGTERM ou Ctrl+C ; les serveurs web démarrés avec NEWSLETTER_JOBS=worker
      n’envoient alors rien eux-mêmes (docs/production.md).
  backup DOSSIER
      Sauvegarde à chaud la base SQLite et les fichiers de DATA_DIR dans DOSSIER (vide).
  restore DOSSIER
      Restaure une sauvegarde dans DATA_DIR, qui doit être vide.
  help
      Affiche cette aide.`;

/** Where a command writes: standard output and error, one line at a time. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

/** Runs one command of `npm run kiosque`; returns the process exit code (0 ok, 1 failed items, 2 unusable input). */
export async function runCli(argv: string[], io: CliOutput, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'user:create':
        return await userCreate(rest, io, env);
      case 'import':
        return await importCommand(rest, io, env);
      case 'search:rebuild':
        return await searchRebuild(rest, io, env);
      case 'import:wordpress':
        return await siteImport(WORDPRESS, rest, io, env);
      case 'import:ghost':
        return await siteImport(GHOST, rest, io, env);
      case 'newsletter:worker':
        if (rest.length) throw new UsageError(`Argument inattendu : ${rest[0]}.`);
        return await newsletterWorker(io, env);
      case 'backup':
      case 'restore':
        return await backupCommand(command, rest, io, env);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Commande inconnue : ${command}.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kiosque : ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    if (
      error instanceof ImportFileError ||
      error instanceof ConfigError ||
      error instanceof WxrError ||
      error instanceof GhostExportError ||
      error instanceof NewsletterChoiceError ||
      error instanceof MissingDatabaseError ||
      error instanceof BackupError
    ) {
      io.err(`kiosque : ${error.message}`);
      return 2;
    }
    if (error instanceof AppError && error.expose) {
      io.err(`kiosque : ${error.message}`);
      return 1;
    }
    io.err(`kiosque : erreur inattendue — ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

async function searchRebuild(args: string[], io: CliOutput, env: Record<string, string | undefined>): Promise<number> {
  if (args.length) throw new UsageError(`Argument inattendu : ${args[0]}.`);
  const cli = await openCliContext(env);
  try {
    const started = Date.now();
    const count = await rebuildSearchIndex(cli.ctx.db, cli.ctx.dialect, (done) => {
      if (done % 10_000 === 0) io.out(`… ${done} articles indexés`);
    });
    io.out(
      `Index de recherche reconstruit : ${count} article${count > 1 ? 's' : ''} publié${count > 1 ? 's' : ''} en ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}

function parse<O extends Record<string, { type: 'string'; multiple?: boolean } | { type: 'boolean' }>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^Unknown option '(.+?)'.*$/s, 'Option inconnue : $1.'));
  }
}

async function backupCommand(
  command: 'backup' | 'restore',
  args: string[],
  io: CliOutput,
  env: Record<string, string | undefined>,
): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError(`${command} attend un dossier.`);
  const folder = path.resolve(positionals[0]);
  const config = loadConfig(env);
  if (command === 'backup') {
    const { pages, files } = await backupDataDir(config, folder);
    io.out(`Sauvegarde faite dans ${folder} : base (${pages} pages SQLite) et ${files} fichiers.`);
  } else {
    const { files } = restoreDataDir(config, folder);
    io.out(`Sauvegarde restaurée dans ${config.dataDir} : base et ${files - 1} fichiers.`);
  }
  return 0;
}

async function userCreate(args: string[], io: CliOutput, env: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parse(args, { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } });
  if (positionals.length) throw new UsageError(`Argument inattendu : ${positionals[0]}.`);
  if (!values.email) throw new UsageError('--email est obligatoire.');
  if (!values.role || !(ROLES as readonly string[]).includes(values.role))
    throw new UsageError(`--role doit être l’un de : ${ROLES.join(', ')}.`);
  const { ctx, close } = await openCliContext(env);
  try {
    const { setupUrl } = await createUserFromCli(ctx, { email: values.email, name: values.name, role: values.role as Role });
    io.out(`Compte créé pour ${values.email} (${values.role}).`);
    io.out(`Lien d’activation, à usage unique, valable 7 jours — à transmettre à la personne :`);
    io.out(setupUrl);
    return 0;
  } finally {
    await close();
  }
}

/**
 * What every import command does around its importer: opens the database it writes into (which
 * must exist unless --create), says which, acts as the --as account or the system, and closes.
 */
async function inImportContext<T>(
  values: { as?: string; create?: boolean },
  io: CliOutput,
  env: Record<string, string | undefined>,
  run: (ctx: AppContext, actor: Actor) => Promise<T>,
): Promise<T> {
  const { ctx, database, close } = await openCliContext(env, { mustExist: values.create !== true });
  try {
    io.out(`Base de données : ${describeDatabase(database)}.`);
    return await run(ctx, values.as ? await actorByEmail(ctx.db, values.as) : SYSTEM_ACTOR);
  } finally {
    await close();
  }
}

async function importCommand(args: string[], io: CliOutput, env: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parse(args, { as: { type: 'string' }, create: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('import attend un fichier JSON, et un seul.');
  const summary = await inImportContext(values, io, env, (ctx, actor) => runImport(ctx, actor, positionals[0]!, io.out));
  return summary.failed > 0 ? 1 : 0;
}

/** A whole-site import command (WordPress, Ghost): its own options besides the shared ones, and its importer. */
interface SiteImportCommand {
  /** The usage error when not given exactly one file. */
  oneFile: string;
  /** Options of this format only, each taking a value (a folder, an address). */
  extra: readonly string[];
  /** Options of this format only that may be given several times. */
  repeated?: readonly string[];
  run(
    ctx: AppContext,
    actor: Actor,
    options: ImportRunOptions & { file: string },
    extra: Record<string, string | undefined>,
    repeated: Record<string, string[]>,
  ): Promise<ImportReport>;
}

async function siteImport(
  command: SiteImportCommand,
  args: string[],
  io: CliOutput,
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values, positionals } = parse(args, {
    as: { type: 'string' },
    'fetch-images': { type: 'boolean' },
    'allow-private': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    create: { type: 'boolean' },
    ...Object.fromEntries(command.extra.map((name) => [name, { type: 'string' as const }])),
    ...Object.fromEntries((command.repeated ?? []).map((name) => [name, { type: 'string' as const, multiple: true }])),
  });
  if (positionals.length !== 1) throw new UsageError(command.oneFile);
  const given = values as Record<string, string | string[] | boolean | undefined>;
  const extra = Object.fromEntries(command.extra.map((name) => [name, given[name] as string | undefined]));
  const repeated = Object.fromEntries((command.repeated ?? []).map((name) => [name, (given[name] as string[] | undefined) ?? []]));
  const report = await inImportContext({ as: values.as, create: values.create === true }, io, env, (ctx, actor) =>
    command.run(
      ctx,
      actor,
      {
        file: positionals[0]!,
        fetchImages: values['fetch-images'] === true,
        allowPrivate: values['allow-private'] === true,
        dryRun: values['dry-run'] === true,
        out: io.out,
      },
      extra,
      repeated,
    ),
  );
  return report.failed > 0 ? 1 : 0;
}

const WORDPRESS: SiteImportCommand = {
  oneFile: 'import:wordpress attend un fichier d’exportation WordPress (.xml), et un seul.',
  extra: ['uploads'],
  run: (ctx, actor, options, extra) => importWordPress(ctx, actor, { ...options, uploadsDir: extra.uploads }),
};

const GHOST: SiteImportCommand = {
  oneFile: 'import:ghost attend un fichier d’exportation Ghost (.json), et un seul.',
  extra: ['images', 'site-url'],
  repeated: ['newsletter'],
  run: (ctx, actor, options, extra, repeated) =>
    importGhost(ctx, actor, {
      ...options,
      imagesDir: extra.images,
      siteUrl: extra['site-url'],
      newsletterChoices: (repeated.newsletter ?? []).map(newsletterChoice),
    }),
};

/** `--newsletter GHOST=CIBLE`: a Ghost newsletter (its slug, or * for the others) → a Kiosque newsletter's slug, nouvelle or aucune. */
function newsletterChoice(value: string): { ghost: string; target: ChosenTarget } {
  const at = value.indexOf('=');
  const ghost = value.slice(0, Math.max(at, 0)).trim();
  const target = value.slice(at + 1).trim();
  if (at < 0 || !ghost || !target)
    throw new UsageError(
      `--newsletter attend NEWSLETTER_GHOST=CIBLE (CIBLE : une newsletter de Kiosque, nouvelle ou aucune), pas « ${value} ».`,
    );
  return { ghost, target: target === 'nouvelle' ? 'create' : target === 'aucune' ? 'skip' : { slug: target } };
}

/** `--as`: the import acts as this active account (its role and profile), not as the system. */
async function actorByEmail(db: Db, email: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'status', 'person_id'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw new UsageError(`--as : aucun compte ${email}.`);
  if (user.status !== 'active') throw new UsageError(`--as : le compte ${email} n’est pas actif.`);
  return { userId: user.id, name: user.name, role: user.role, personId: user.person_id };
}
