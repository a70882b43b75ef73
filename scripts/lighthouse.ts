// `npm run lighthouse`: starts the server like the benchmark (child process, fresh data directory,
// demo edition), then runs Lighthouse with its default (mobile) configuration on the home page, a
// section and an article; prints the four category scores and writes the reports to
// test-output/lighthouse/.
//
//   npm run lighthouse                 home, the lead story's section, the lead story
//   npm run lighthouse -- /a /b/c      those paths instead

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_MISSING_MESSAGE, chromiumIsInstalled, chromiumPath } from '../test/support/chromium.ts';
import { leadStoryPathFromHtml, rawGet, startServerProcess } from './support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUTPUT = path.join(ROOT, 'test-output', 'lighthouse');
const CATEGORIES = [
  ['performance', 'Performance'],
  ['accessibility', 'Accessibilité'],
  ['best-practices', 'Bonnes pratiques'],
  ['seo', 'SEO'],
] as const;

interface Target {
  name: string;
  path: string;
}

async function targets(origin: string): Promise<Target[]> {
  const given = process.argv.slice(2).filter((a) => a.startsWith('/'));
  if (given.length > 0) return given.map((p) => ({ name: p === '/' ? 'accueil' : p.slice(1).replaceAll('/', '_'), path: p }));
  const home = await rawGet(`${origin}/`);
  const article = leadStoryPathFromHtml(home.body.toString('utf8'));
  if (!article) throw new Error("aucun lien d'article sur la page d'accueil : passez les chemins en arguments");
  return [
    { name: 'accueil', path: '/' },
    { name: 'rubrique', path: `/${article.split('/')[1]}` },
    { name: 'article', path: article },
  ];
}

async function main(): Promise<number> {
  if (!chromiumIsInstalled()) {
    console.error(CHROMIUM_MISSING_MESSAGE);
    return 1;
  }
  fs.mkdirSync(OUTPUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-lighthouse-'));
  const rows: { name: string; path: string; scores: (number | null)[] }[] = [];
  try {
    const server = await startServerProcess({ dataDir, pageCache: true, timeoutMs: 120_000 });
    try {
      const pages = await targets(server.origin);
      const chrome = await chromeLauncher.launch({
        chromePath: chromiumPath(),
        chromeFlags: CHROMIUM_ARGS,
        logLevel: 'error',
      });
      try {
        for (const page of pages) {
          process.stdout.write(`Lighthouse : ${page.path} … `);
          const result = await lighthouse(`${server.origin}${page.path}`, {
            port: chrome.port,
            output: ['html', 'json'],
            logLevel: 'error',
          });
          if (!result) throw new Error(`Lighthouse n'a rien rendu pour ${page.path}`);
          const [htmlReport, jsonReport] = result.report as string[];
          fs.writeFileSync(path.join(OUTPUT, `${page.name}.report.html`), htmlReport);
          fs.writeFileSync(path.join(OUTPUT, `${page.name}.report.json`), jsonReport);
          if (result.lhr.runtimeError) console.warn(`\n  ⚠ ${result.lhr.runtimeError.code} : ${result.lhr.runtimeError.message}`);
          const scores = CATEGORIES.map(([id]) => {
            const score = result.lhr.categories[id]?.score;
            return typeof score === 'number' ? Math.round(score * 100) : null;
          });
          rows.push({ name: page.name, path: page.path, scores });
          process.stdout.write('fait\n');
        }
      } finally {
        await chrome.kill();
      }
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const width = Math.max(...rows.map((r) => r.name.length), 4) + 2;
  console.log(`\n${'page'.padEnd(width)}${CATEGORIES.map(([, label]) => label.padStart(18)).join('')}`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(width)}${row.scores.map((s) => (s === null ? '—' : String(s)).padStart(18)).join('')}`);
  }
  console.log('');
  for (const row of rows) console.log(`${row.name.padEnd(width)}${row.path}`);
  console.log(`\nRapports : ${path.relative(ROOT, OUTPUT)}/`);
  return 0;
}

process.exitCode = await main();
