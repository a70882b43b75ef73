import type { Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { importArticle, ImportItemError } from './import-article.ts';
import { readImportFile } from './import-file.ts';

/** Counts of one import run. */
export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * `kiosque import FILE.json`: creates or updates each article of the file, one at a time (a failed
 * item leaves nothing behind and does not stop the others), and prints a French report.
 */
export async function runImport(ctx: AppContext, actor: Actor, file: string, out: (line: string) => void): Promise<ImportSummary> {
  const { items, baseDir } = await readImportFile(file);
  out(`Import de ${file} : ${plural(items.length, 'article', 'articles')}, au nom de ${actor.name}.`);
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const item of items) {
    try {
      const result = await importArticle(ctx, actor, item, baseDir);
      summary[result.action] += 1;
      const verb = { created: 'créé', updated: 'mis à jour', unchanged: 'inchangé' }[result.action];
      const image = result.imageChanges.length ? `, image déjà dans la médiathèque : ${result.imageChanges.join(', ')} mis à jour` : '';
      out(
        `  ✓ ${verb} : « ${result.headline} » (n° ${result.id}${result.published ? `, publié ${result.url ?? ''}` : ', brouillon'}${image})`.replace(
          / \)$/,
          ')',
        ),
      );
    } catch (error) {
      summary.failed += 1;
      const reasons =
        error instanceof ImportItemError
          ? error.issues.map((i) => (i.path && !i.message.includes(i.path) ? `${i.path} — ${i.message}` : i.message))
          : [String(error)];
      out(`  ✗ échec : article ${item.label} (n° ${item.index + 1} du fichier) — rien n’a été enregistré pour lui :`);
      for (const reason of reasons) out(`      · ${reason}`);
    }
  }
  out(
    `Bilan : ${plural(summary.created, 'créé', 'créés')}, ${plural(summary.updated, 'mis à jour', 'mis à jour')}, ${plural(summary.unchanged, 'inchangé', 'inchangés')}, ${plural(summary.failed, 'en échec', 'en échec')}.`,
  );
  return summary;
}
