import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { cacheKey } from './page-response.ts';

const key = (url: string) => cacheKey({ url } as FastifyRequest);

describe('cacheKey', () => {
  it('keeps the path and the page number, and drops tracking parameters', () => {
    assert.equal(key('/politique'), '/politique');
    assert.equal(key('/politique?utm_source=lettre&fbclid=x'), '/politique');
    assert.equal(key('/politique?utm_source=lettre&page=2'), '/politique?page=2');
  });

  it('keeps repeated and odd page values so the route still refuses them', () => {
    assert.equal(key('/politique?page=2&page=3'), '/politique?page=2&page=3');
    assert.equal(key('/politique?page=%3Cx%3E'), '/politique?page=%3Cx%3E');
    assert.equal(key('/politique?page='), '/politique?page=');
  });
});
