import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageCache } from './page-cache.ts';
import { TaggedMemo } from './tagged-memo.ts';

/** A memo over a page cache, and a loader counting its reads. */
function setup(enabled = false) {
  const cache = new PageCache({ enabled });
  const memo = new TaggedMemo(cache);
  let reads = 0;
  const read = (value: string) => async () => {
    reads++;
    return value;
  };
  return { cache, memo, read, reads: () => reads };
}

describe('TaggedMemo', () => {
  it('reads a value once, until one of its tags is invalidated (page cache on or off)', async () => {
    for (const enabled of [false, true]) {
      const { cache, memo, read, reads } = setup(enabled);
      const tags = () => ['home', 'dossier:3'];
      assert.equal(await memo.get('home:dossiers', tags, read('v1')), 'v1');
      assert.equal(await memo.get('home:dossiers', tags, read('v2')), 'v1');
      assert.equal(reads(), 1);
      cache.invalidate(['article:9', 'section:2']);
      assert.equal(await memo.get('home:dossiers', tags, read('v2')), 'v1', 'another content’s change keeps it');
      cache.invalidate(['dossier:3']);
      assert.equal(await memo.get('home:dossiers', tags, read('v3')), 'v3', 'its change drops it at once');
      assert.equal(reads(), 2);
    }
  });

  it('drops on an invalidation heard from another process (the invalidation bus)', async () => {
    const { cache, memo, read } = setup();
    await memo.get('k', () => ['series:1'], read('old'));
    cache.invalidateLocally(['series:1']);
    assert.equal(await memo.get('k', () => ['series:1'], read('new')), 'new');
  });

  it('does not keep a value read across an invalidation of its tags', async () => {
    const { cache, memo } = setup();
    let release = () => {};
    const slow = memo.get(
      'k',
      () => ['home'],
      () => new Promise<string>((resolve) => (release = () => resolve('read before'))),
    );
    cache.invalidate(['home']); // committed while the read was under way
    release();
    assert.equal(await slow, 'read before', 'its own caller gets it');
    assert.equal(memo.size, 0, 'but it is not kept');
    assert.equal(
      await memo.get(
        'k',
        () => ['home'],
        async () => 'fresh',
      ),
      'fresh',
    );
    assert.equal(memo.size, 1);
  });

  it('refuses a value no tag would ever drop', async () => {
    const { memo } = setup();
    await assert.rejects(
      memo.get(
        'k',
        () => [],
        async () => 1,
      ),
      /no tag/,
    );
  });

  it('past its capacity, forgets the entry used least recently', async () => {
    const cache = new PageCache({ enabled: false });
    const memo = new TaggedMemo(cache, 2);
    const tags = () => ['home'];
    await memo.get('a', tags, async () => 'a1');
    await memo.get('b', tags, async () => 'b1');
    assert.equal(await memo.get('a', tags, async () => 'a2'), 'a1', 'a read makes it the most recent');
    await memo.get('c', tags, async () => 'c1');
    assert.equal(memo.size, 2);
    assert.equal(await memo.get('a', tags, async () => 'a3'), 'a1', 'kept');
    assert.equal(await memo.get('b', tags, async () => 'b2'), 'b2', 'the least recently used went first');
    assert.throws(() => new TaggedMemo(cache, 0), RangeError);
  });

  it('getEach reads only what is missing, in one call, and keeps what was found', async () => {
    const { cache, memo } = setup();
    const asked: string[][] = [];
    const load = (prefix: string) => async (missing: string[]) => {
      asked.push(missing);
      return missing.map((key) => (key === 'none' ? undefined : `${prefix}${key}`));
    };
    const tagsOf = (value: string) => [`article:${value.slice(-1)}`];
    assert.deepEqual(await memo.getEach(['1', '2', '1'], tagsOf, load('v')), ['v1', 'v2', 'v1']);
    assert.deepEqual(asked, [['1', '2']], 'a key asked twice is read once');
    assert.deepEqual(await memo.getEach(['2', 'none', '3'], tagsOf, load('w')), ['v2', undefined, 'w3']);
    assert.deepEqual(asked[1], ['none', '3'], 'only the missing keys are read');
    assert.deepEqual(await memo.getEach(['none'], tagsOf, load('x')), [undefined]);
    assert.deepEqual(asked[2], ['none'], 'nothing found is not kept');
    cache.invalidate(['article:2']);
    assert.deepEqual(await memo.getEach(['1', '2'], tagsOf, load('y')), ['v1', 'y2'], 'an invalidated one is read again');
    assert.deepEqual(await memo.getEach([], tagsOf, load('z')), []);
    assert.equal(asked.length, 4);
  });

  it('getEach does not keep values read across an invalidation of their tags', async () => {
    const { cache, memo } = setup();
    let release = () => {};
    const slow = memo.getEach(
      ['1', '2'],
      (value: string) => [`article:${value}`],
      (missing) => new Promise<string[]>((resolve) => (release = () => resolve(missing))),
    );
    cache.invalidate(['article:1']);
    release();
    assert.deepEqual(await slow, ['1', '2']);
    assert.equal(memo.size, 1, 'only the value whose tags did not change is kept');
  });
});
