import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Path of the Nu Html Checker jar shipped by the vnu-jar package. */
export const VNU_JAR: string = String(require('vnu-jar'));

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
}

export interface HtmlDocument {
  /** Label used in reports, e.g. "article" or "/politique". */
  name: string;
  html: string;
}

/** Why HTML validation cannot run here (no Java runtime), or undefined when it can. */
export function vnuUnavailableReason(): string | undefined {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore', timeout: 20_000 });
  if (probe.error || probe.status !== 0) {
    return 'Java est introuvable : le validateur HTML (vnu.jar) en a besoin — installez `default-jre-headless`.';
  }
  return undefined;
}

/**
 * Validates all documents in ONE Java run (the JVM takes ~1.5 s to start) and returns the
 * messages per document name; a document with no message maps to an empty list.
 */
export async function validateHtml(documents: HtmlDocument[]): Promise<Map<string, VnuMessage[]>> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-vnu-'));
  try {
    const nameByUrl = new Map<string, string>();
    const files = documents.map((document, index) => {
      const file = path.join(directory, `${String(index).padStart(3, '0')}.html`);
      fs.writeFileSync(file, document.html);
      nameByUrl.set(pathToFileURL(file).toString(), document.name);
      return file;
    });
    const output = await runVnu(['--format', 'json', '--stdout', ...files]);
    const parsed = JSON.parse(output) as { messages: (VnuMessage & { url?: string })[] };
    const byName = new Map<string, VnuMessage[]>(documents.map((d) => [d.name, []]));
    for (const { url, ...message } of parsed.messages) {
      // vnu writes "file:/tmp/…" where pathToFileURL gives "file:///tmp/…".
      const key = url ? pathToFileURL(new URL(url).pathname).toString() : undefined;
      const name = (key && nameByUrl.get(key)) ?? '(validateur)';
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name)!.push(message);
    }
    return byName;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** Keeps the errors (not the info-level warnings). */
export function errorsOnly(messages: VnuMessage[]): VnuMessage[] {
  return messages.filter((m) => m.type !== 'info');
}

/** "name:line:col message « extract »" lines, for assertion messages. */
export function formatVnuMessages(name: string, messages: VnuMessage[]): string {
  return messages
    .map(
      (m) =>
        `  ${name}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'} ${m.message}${m.extract ? `\n      « ${m.extract.replace(/\s+/g, ' ')} »` : ''}`,
    )
    .join('\n');
}

function runVnu(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // vnu exits with 1 when it found errors: that is a result, not a failure, as long as JSON came out.
    execFile(
      'java',
      ['-Xss1024k', '-jar', VNU_JAR, ...args],
      { maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
      (error, stdout, stderr) => {
        if (stdout.trim().startsWith('{')) resolve(stdout);
        else reject(new Error(`vnu.jar a échoué : ${error?.message ?? ''}\n${stderr}`));
      },
    );
  });
}
