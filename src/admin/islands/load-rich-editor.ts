// Loads the editor bundle (Tiptap, ~400 KB) only on screens that need it, so the dashboard,
// lists and curation screens stay light. The layout names the bundle's fingerprinted URL.
const needsEditor = document.querySelector('[data-editor-form], textarea[data-page-body], [data-select-on-focus]');
const source = document.querySelector('meta[name="kiosque-editor-script"]')?.getAttribute('content');
if (needsEditor && source) void import(source);
