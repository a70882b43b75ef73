/**
 * Turns what an editor pastes into the "Intégrer" field into the body's embed attributes:
 * a YouTube or Vimeo address becomes { provider, id }, a /media/… path (or the same path on this
 * site) becomes an audio embed. The patterns are those of the body schema, so anything accepted
 * here is accepted when the article is saved.
 */

export type EmbedTarget =
  | { provider: 'youtube'; id: string }
  | { provider: 'vimeo'; id: string }
  | { provider: 'dailymotion'; id: string }
  | { provider: 'audio'; src: string };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^[1-9][0-9]{0,11}$/;
const MEDIA_PATH = /^\/media\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com']);
const DAILYMOTION_ID = /^x[a-z0-9]{4,12}$/;
const DAILYMOTION_HOSTS = new Set(['dailymotion.com', 'www.dailymotion.com', 'geo.dailymotion.com']);

/** Reads a video address or an audio path; null when it is neither (the dialog then says so). */
export function parseEmbedUrl(input: string, siteOrigin?: string): EmbedTarget | null {
  const text = input.trim();
  if (MEDIA_PATH.test(text)) return { provider: 'audio', src: text };
  const url = URL.parse(text) ?? URL.parse(`https://${text}`);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  if (siteOrigin && url.origin === siteOrigin && MEDIA_PATH.test(url.pathname)) return { provider: 'audio', src: url.pathname };

  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);
  if (host === 'youtu.be') return youtube(segments[0]);
  if (YOUTUBE_HOSTS.has(host)) {
    if (segments[0] === 'watch') return youtube(url.searchParams.get('v') ?? undefined);
    if (['embed', 'shorts', 'live', 'v'].includes(segments[0] ?? '')) return youtube(segments[1]);
    return null;
  }
  if (VIMEO_HOSTS.has(host)) {
    // vimeo.com/123, vimeo.com/channels/staffpicks/123, player.vimeo.com/video/123: the id is the last number.
    const id = [...segments].reverse().find((segment) => VIMEO_ID.test(segment));
    return id ? { provider: 'vimeo', id } : null;
  }
  // dai.ly/x8j2k4q, dailymotion.com/video/x8j2k4q, geo.dailymotion.com/player.html?video=x8j2k4q
  const dailymotionId =
    host === 'dai.ly'
      ? segments[0]
      : DAILYMOTION_HOSTS.has(host)
        ? (url.searchParams.get('video') ?? (segments[0] === 'video' ? segments[1] : undefined))
        : undefined;
  if (dailymotionId !== undefined) return DAILYMOTION_ID.test(dailymotionId) ? { provider: 'dailymotion', id: dailymotionId } : null;
  return null;
}

function youtube(id: string | undefined): EmbedTarget | null {
  return id && YOUTUBE_ID.test(id) ? { provider: 'youtube', id } : null;
}
