/**
 * Entry of the public site's only script, bundled by esbuild at boot (site-assets.ts).
 * Every island enhances server-rendered HTML that already works without JavaScript.
 */
import { revealCurrentNavItem } from './current-nav-item.ts';
import { enhanceEmbedFacades } from './embed-facade.ts';
import { enhanceComments } from './comments.ts';
import { enhancePodcastPlayers } from './podcast-player.ts';
import { enhanceProofOfWork } from './proof-of-work.ts';
import { enhanceShareBlocks } from './share.ts';

// A module script runs once the document is parsed: the elements are there.
enhanceShareBlocks(document);
enhanceEmbedFacades(document);
enhancePodcastPlayers(document);
revealCurrentNavItem(document);
enhanceProofOfWork(document);
void enhanceComments(document);
