// One address per article whatever link brought it: tracking parameters (campaigns, click ids,
// newsletter ids) and the fragment are dropped, the host lower-cased, the rest kept in order.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'xtor',
  'at_medium',
  'at_campaign',
  'ref_src',
  'cmpid',
  'ncid',
  'ocid',
  'sr_share',
]);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || lower.startsWith('at_') || TRACKING_PARAMS.has(lower);
}

/** The canonical form of an article address (http/https only), or null when it is not one. */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) if (isTracking(name)) url.searchParams.delete(name);
  // An emptied query leaves no lone "?".
  if ([...url.searchParams.keys()].length === 0) url.search = '';
  return url.href;
}
