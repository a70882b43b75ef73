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
});
