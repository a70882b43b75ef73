// Back-office islands: each module enhances the elements it finds and does nothing otherwise.
// (Modules are added here as screens gain interaction.)
import './curation/reorder-list.ts';
import './media/media-library.ts';
import './current-menu-item.ts';
import './comment-desk.ts';
import './veille-keys.ts';
import './copy-link.ts';
import './load-rich-editor.ts';
import './import-progress.ts';
import './timed-text-file.ts';
