// The heavy part of the back office (Tiptap and the article form's islands), loaded only by
// screens that have an editor: see load-rich-editor.ts.
import './editor/index.ts';
import './curation/page-body-editor.ts';
import './quote-guard-live.ts';
