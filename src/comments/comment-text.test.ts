import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCommentText } from './comment-text.ts';

describe('comment text', () => {
  it('makes paragraphs and line breaks, links URLs with rel="nofollow ugc", escapes everything else', () => {
    assert.equal(
      renderCommentText('Voir https://exemple.fr/a?b=1&c=2.\nMerci <script>alert(1)</script>\n\nFin'),
      '<p>Voir <a href="https://exemple.fr/a?b&#61;1&#38;c&#61;2" rel="nofollow ugc noopener" class="comment__link">https://exemple.fr/a?b&#61;1&#38;c&#61;2</a>.<br>Merci &#60;script&#62;alert(1)&#60;/script&#62;</p><p>Fin</p>',
    );
    assert.doesNotMatch(renderCommentText('javascript:alert(1) et "><img src=x onerror=alert(1)>'), /<img|href="javascript/);
  });
});
