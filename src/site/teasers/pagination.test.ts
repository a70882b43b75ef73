import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../core/http/app-error.ts';
import { plainAttributes } from './listing-test-helpers.ts';
import { pageNumbers, pagePath, pageWindow, paginationHeadLinks, parsePageQuery, renderPagination } from './pagination.ts';

describe('parsePageQuery', () => {
  it('defaults to page 1, not explicit', () => {
    assert.deepEqual(parsePageQuery({}), { page: 1, explicit: false });
    assert.deepEqual(parsePageQuery(undefined), { page: 1, explicit: false });
  });

  it('reads a positive integer and ignores other parameters', () => {
    assert.deepEqual(parsePageQuery({ page: '3', utm_source: 'x' }), { page: 3, explicit: true });
    assert.deepEqual(parsePageQuery({ page: '1' }), { page: 1, explicit: true });
  });

  for (const bad of ['abc', '-1', '0', '1.5', '', ' 2', '1e3', '+2', '02', '0x10']) {
    it(`refuses ?page=${JSON.stringify(bad)} with a French 400`, () => {
      assert.throws(
        () => parsePageQuery({ page: bad }),
        (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.equal(error.status, 400);
          assert.match(error.message, /entier supérieur ou égal à 1/);
          return true;
        },
      );
    });
  }

  it('refuses a repeated ?page=', () => {
    assert.throws(
      () => parsePageQuery({ page: ['1', '2'] }),
      (e: unknown) => e instanceof AppError && e.status === 400,
    );
  });

  it('accepts a huge page number (the listing answers 404 for it)', () => {
    assert.equal(parsePageQuery({ page: '99999999' }).page, 99_999_999);
  });
});

describe('pageWindow', () => {
  it('computes the page count and offset', () => {
    assert.deepEqual(pageWindow(45, 1, 20), { pageCount: 3, offset: 0 });
    assert.deepEqual(pageWindow(45, 3, 20), { pageCount: 3, offset: 40 });
    assert.deepEqual(pageWindow(40, 2, 20), { pageCount: 2, offset: 20 });
  });

  it('keeps page 1 of an empty listing', () => {
    assert.deepEqual(pageWindow(0, 1, 20), { pageCount: 1, offset: 0 });
  });

  it('throws 404 one past the last page', () => {
    assert.throws(
      () => pageWindow(40, 3, 20),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
    assert.throws(
      () => pageWindow(0, 2, 20),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
  });
});

describe('page links', () => {
  it('writes page 1 without ?page=', () => {
    assert.equal(pagePath('/international', 1), '/international');
    assert.equal(pagePath('/international', 4), '/international?page=4');
  });

  it('gives rel prev/next only where they exist', () => {
    assert.equal(paginationHeadLinks('https://x.fr', '/s', 1, 1), '');
    assert.equal(plainAttributes(paginationHeadLinks('https://x.fr', '/s', 1, 3)), '<link rel="next" href="https://x.fr/s?page=2">');
    assert.equal(
      plainAttributes(paginationHeadLinks('https://x.fr', '/s', 2, 3)),
      '<link rel="prev" href="https://x.fr/s"><link rel="next" href="https://x.fr/s?page=3">',
    );
    assert.equal(plainAttributes(paginationHeadLinks('https://x.fr', '/s', 3, 3)), '<link rel="prev" href="https://x.fr/s?page=2">');
  });

  it('shows first, last and neighbours, with gaps', () => {
    assert.deepEqual(pageNumbers(1, 1), [1]);
    assert.deepEqual(pageNumbers(1, 5), [1, 2, 3, 4, 5]);
    assert.deepEqual(pageNumbers(10, 20), [1, null, 8, 9, 10, 11, 12, null, 20]);
    // A gap of a single page shows that page rather than an ellipsis.
    assert.deepEqual(pageNumbers(5, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('renderPagination', () => {
  it('renders nothing for a single page', () => {
    assert.equal(renderPagination('/s', 1, 1), '');
  });

  it('renders the labelled navigation with status, current page and steps', () => {
    const nav = plainAttributes(renderPagination('/s', 2, 5));
    assert.match(nav, /<nav class="pagination" aria-label="Pagination">/);
    assert.match(nav, /Page 2 sur 5/);
    assert.match(nav, /<a class="pagination__page" href="\/s\?page=2" aria-current="page">2<\/a>/);
    assert.match(nav, /rel="prev" href="\/s"/);
    assert.match(nav, /rel="next" href="\/s\?page=3"/);
  });

  it('has no previous link on page 1 and no next link on the last page', () => {
    assert.doesNotMatch(renderPagination('/s', 1, 3), /rel="prev"/);
    assert.doesNotMatch(renderPagination('/s', 3, 3), /rel="next"/);
  });

  it('when the listing goes on beyond the pages counted, says "Page 3" and ends with a gap, not a last page', () => {
    const nav = plainAttributes(renderPagination('/s', 3, 13, true));
    assert.match(nav, /<p class="pagination__status">Page 3<\/p>/);
    assert.doesNotMatch(nav, /sur 13|page=13/);
    assert.match(nav, /pagination__gap[^<]*<\/li><\/ul>/);
    assert.match(nav, /rel="next" href="\/s\?page=4"/);
  });
});
