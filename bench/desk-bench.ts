// Curation desk scenarios (issue 12), in process on a fresh SQLite database: a fetch cycle of 300
// feeds from the local fictional outlets (CPU, memory, wall time), story detection per new item
// with 20,000 items in the window (in memory, and with its database writes, against storing the
// item alone as the baseline; then new items one by one, each filed as a feed poll files it),
// story quality (pairwise precision and recall of the labelled set, alone and arriving in the full window),
// and the desk page (query and render) at that volume.
//
//   npm run bench -- --desk 20000

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config.ts';
import type { AppContext } from '../src/core/app-context.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { loadBoard } from '../src/desk/board-repository.ts';
import { findFeed, insertFeed, insertOutlet, listOutlets, upsertItem } from '../src/desk/desk-repository.ts';
import { deskFiltersSchema } from '../src/desk/desk-schemas.ts';
import { renderDeskBoard } from '../src/desk/desk-views.ts';
import { fetchFeed } from '../src/desk/feed-fetcher.ts';
import { LABELLED_ITEMS, labelledSetQuality } from '../src/desk/labelled-stories.ts';
import { itemTerms, StoryIndex } from '../src/desk/story-index.ts';
import { assignStories } from '../src/desk/story-store.ts';
import { startTestOutlets, TEST_OUTLETS } from '../src/desk/test-outlets.ts';

export interface DeskBenchResult {
  items: number;
  fetchCycle: { feeds: number; wallMs: number; cpuMs: number; rssMb: number };
  storyPerItemMs: {
    inMemory: number;
    withDatabase: number;
    storeOnlyBaseline: number;
    ratioToBaseline: number;
    /** New items stored and filed one by one (a poll's pass each), with the window full: mean and p95. */
    oneByOneMean: number;
    oneByOneP95: number;
  };
  quality: Record<'labelled' | 'inFullWindow', ReturnType<typeof labelledSetQuality>>;
  deskPage: { p50Ms: number; p95Ms: number; stories: number };
  targets: { name: string; ok: boolean; value: string }[];
}

const FEEDS = 300;
/** New items filed one by one after the window is full. */
const ONE_BY_ONE = 200;
// The synthetic items' common words: the labelled set's lower-case words (its names and places,
// capitalised, are left to the labelled stories, as real stories have names of their own).
const VOCABULARY = [...new Set(LABELLED_ITEMS.flatMap((i) => `${i.headline} ${i.summary}`.split(/\s+/)))].filter(
  (w) => w.length > 3 && w === w.toLocaleLowerCase('fr'),
);
const SYLLABLES = [
  'val',
  'mor',
  'bre',
  'nouil',
  'cam',
  'brel',
  'lor',
  'mes',
  'sar',
  've',
  'tis',
  'san',
  'ou',
  'ri',
  'ga',
  'ton',
  'pel',
  'lac',
];

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Synthetic items: stories of 1 to 6 items sharing a place and topic words, over the last 72 hours. */
function syntheticItems(count: number, rand: () => number) {
  const items: { story: number; headline: string; summary: string; minutesAgo: number }[] = [];
  let story = 0;
  while (items.length < count) {
    story++;
    const town = Array.from({ length: 3 }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join('') + String(story % 97);
    // Like real stories: a few names of their own (people, bodies) besides common words.
    const names = Array.from(
      { length: 2 },
      () => Array.from({ length: 3 }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join('') + String(Math.floor(rand() * 1000)),
    );
    const topic = [...names, ...Array.from({ length: 3 }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)])];
    const size = 1 + Math.floor(rand() * 6);
    const start = Math.floor(rand() * 72 * 60);
    for (let i = 0; i < size && items.length < count; i++) {
      const words = Array.from({ length: 12 }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]);
      items.push({
        story,
        headline: `${town[0]!.toUpperCase()}${town.slice(1)} : ${topic.slice(0, 3).join(' ')} ${words.slice(0, 3).join(' ')}`,
        summary: `${topic.join(' ')} ${words.join(' ')}`,
        minutesAgo: Math.max(0, start - i * 20),
      });
    }
  }
  return items;
}

export async function runDeskBench(count: number): Promise<DeskBenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-desk-'));
  const handle = openDatabase({ dataDir });
  const outlets = await startTestOutlets();
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DESK_ALLOW_PRIVATE: '1', DESK_POLITENESS_MS: '0', KIOSQUE_DEMO: '0' });
    const ctx = { config, db: handle.db, dialect: handle.dialect } as unknown as AppContext;
    const db = handle.db;

    // 1. A fetch cycle: 300 feeds (the five fictional outlets' formats, 60 of each).
    console.log(`Veille : cycle de lecture de ${FEEDS} flux`);
    const feedIds: number[] = [];
    for (let i = 0; i < FEEDS; i++) {
      const outlet = TEST_OUTLETS[i % TEST_OUTLETS.length]!;
      const outletId = await insertOutlet(db, {
        name: `${outlet.name} ${i}`,
        siteUrl: `${outlets.origin}/`,
        logoUrl: null,
        language: 'fr',
        country: 'FR',
        quoteAllowed: false,
      });
      feedIds.push(
        await insertFeed(db, {
          outletId,
          url: `${outlets.origin}/${outlet.slug}/${outlet.feed}?n=${i}`,
          kind: 'auto',
          intervalMinutes: 15,
        }),
      );
    }
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const rssBefore = process.memoryUsage().rss;
    for (const id of feedIds) await fetchFeed(ctx, (await findFeed(db, id))!);
    const fetchCycle = {
      feeds: FEEDS,
      wallMs: Math.round(performance.now() - wall),
      cpuMs: Math.round((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000),
      rssMb: Math.round((Math.max(process.memoryUsage().rss, rssBefore) / 1024 / 1024) * 10) / 10,
    };

    // 2. Story detection with `count` items in the window.
    console.log(`Veille : ${count} articles synthétiques, sujets`);
    const rand = random(12);
    const items = syntheticItems(count, rand);
    const known = await listOutlets(db);
    const now = Date.now();
    const index = new StoryIndex();
    const terms = items.map((item) => itemTerms(item.headline, item.summary));
    const ordered = items.map((item, i) => ({ i, time: now - item.minutesAgo * 60_000 })).sort((a, b) => a.time - b.time);
    const memoryStart = performance.now();
    for (const { i, time } of ordered) index.add(i + 1, index.match(terms[i]!, time)?.story ?? i + 1, terms[i]!, time);
    const inMemory = (performance.now() - memoryStart) / count;
    // The labelled set alone, then arriving in the last three hours of this full window.
    const quality = {
      labelled: labelledSetQuality(),
      inFullWindow: labelledSetQuality({ index, base: now - 3 * 3600_000, firstId: count + 1 }),
    };

    // Baseline: storing each item alone; then the same items given their story (reads and writes).
    const storeStart = performance.now();
    for (const { i, time } of ordered) {
      const item = items[i]!;
      await upsertItem(db, known[i % known.length]!, null, {
        guid: null,
        url: `https://exemple.test/${i}`,
        headline: item.headline,
        summary: item.summary,
        publishedAt: new Date(time).toISOString(),
        language: 'fr',
      });
    }
    const storeOnly = (performance.now() - storeStart) / count;
    const assignStart = performance.now();
    await assignStories(db);
    const withDatabase = (performance.now() - assignStart) / count;

    // New items arriving one by one with the window full: each stored, then filed (lock, catch-up, write).
    const fresh = syntheticItems(ONE_BY_ONE, random(34));
    const oneByOne: number[] = [];
    for (const [i, item] of fresh.entries()) {
      await upsertItem(db, known[i % known.length]!, null, {
        guid: null,
        url: `https://exemple.test/nouveau/${i}`,
        headline: item.headline,
        summary: item.summary,
        publishedAt: new Date(now - item.minutesAgo * 60_000).toISOString(),
        language: 'fr',
      });
      const started = performance.now();
      await assignStories(db);
      oneByOne.push(performance.now() - started);
    }
    oneByOne.sort((a, b) => a - b);

    // 3. The desk page: its query and its HTML, 30 times.
    console.log('Veille : page du bureau');
    const filters = deskFiltersSchema.parse({ hours: '24' });
    const times: number[] = [];
    let stories = 0;
    for (let run = 0; run < 30; run++) {
      const started = performance.now();
      const board = await loadBoard(db, filters);
      renderDeskBoard({
        stories: board,
        filters,
        outlets: known,
        languages: ['fr'],
        views: [],
        viewName: '',
        viewErrors: {},
        csrfToken: 'x',
      });
      times.push(performance.now() - started);
      stories = board.length;
    }
    times.sort((a, b) => a - b);
    const deskPage = { p50Ms: Math.round(percentile(times, 50)), p95Ms: Math.round(percentile(times, 95)), stories };
    const round = (n: number) => Math.round(n * 1000) / 1000;
    const storyPerItemMs = {
      inMemory: round(inMemory),
      withDatabase: round(withDatabase),
      storeOnlyBaseline: round(storeOnly),
      ratioToBaseline: Math.round((withDatabase / storeOnly) * 100) / 100,
      oneByOneMean: round(oneByOne.reduce((a, b) => a + b, 0) / oneByOne.length),
      oneByOneP95: round(percentile(oneByOne, 95)),
    };
    return {
      items: count,
      fetchCycle,
      storyPerItemMs,
      quality,
      deskPage,
      targets: [
        {
          name: 'sujet d’un nouvel article ≤ 20 ms',
          ok: storyPerItemMs.oneByOneP95 <= 20,
          value: `un par un : moyenne ${storyPerItemMs.oneByOneMean} ms, p95 ${storyPerItemMs.oneByOneP95} ms ; en lot ${storyPerItemMs.withDatabase} ms (en mémoire ${storyPerItemMs.inMemory} ms)`,
        },
        {
          name: 'précision et rappel ≥ 0,9 (jeu étiqueté)',
          ok: [quality.labelled, quality.inFullWindow].every((m) => m.precision >= 0.9 && m.recall >= 0.9),
          value: `seul : ${round(quality.labelled.precision)}, ${round(quality.labelled.recall)} ; parmi ${count} : ${round(quality.inFullWindow.precision)}, ${round(quality.inFullWindow.recall)} (${quality.inFullWindow.joinedOthers} rattaché(s) à tort à un autre sujet)`,
        },
        { name: 'page de la veille p95 ≤ 100 ms', ok: deskPage.p95Ms <= 100, value: `${deskPage.p95Ms} ms` },
      ],
    };
  } finally {
    await outlets.close();
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
