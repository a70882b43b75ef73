import type { MediaKind } from '../core/db/schema.ts';

/** What a stored sound or video is: its kind, the extension it is stored under and the type it is served as. */
export interface MediaFileType {
  kind: MediaKind;
  ext: string;
  mime: string;
}

// Keyed by file-type's extension. Only formats every podcast app and browser plays: MP3, AAC in
// MP4 (m4a), Ogg (Vorbis/Opus), WAV; MP4 (H.264) and WebM video.
const ACCEPTED: Readonly<Record<string, MediaFileType>> = {
  mp3: { kind: 'audio', ext: 'mp3', mime: 'audio/mpeg' },
  m4a: { kind: 'audio', ext: 'm4a', mime: 'audio/mp4' },
  ogg: { kind: 'audio', ext: 'ogg', mime: 'audio/ogg' },
  oga: { kind: 'audio', ext: 'ogg', mime: 'audio/ogg' },
  opus: { kind: 'audio', ext: 'opus', mime: 'audio/ogg' },
  wav: { kind: 'audio', ext: 'wav', mime: 'audio/wav' },
  mp4: { kind: 'video', ext: 'mp4', mime: 'video/mp4' },
  m4v: { kind: 'video', ext: 'mp4', mime: 'video/mp4' },
  webm: { kind: 'video', ext: 'webm', mime: 'video/webm' },
};

/** How many leading bytes `detectMediaFileType` needs (file-type reads at most this much for these formats). */
export const SNIFF_BYTES = 4100;

/**
 * The type of a sound or video from its first bytes (never from its name or the browser's claim):
 * ID3 or an MPEG frame sync, an MP4 `ftyp` box, `OggS`, RIFF/WAVE, EBML/WebM. Undefined when the
 * content is anything else, a script renamed .mp3 included.
 */
export async function detectMediaFileType(head: Uint8Array): Promise<MediaFileType | undefined> {
  // Loaded with the first upload, not at every start (the server bundle keeps package imports static).
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head);
  return found ? ACCEPTED[found.ext] : undefined;
}

/** The formats accepted, for error messages and the file picker's `accept`. */
export const ACCEPTED_MEDIA_DESCRIPTION = 'MP3, M4A, OGG ou WAV pour le son ; MP4 ou WebM pour la vidéo';
export const ACCEPTED_MEDIA_INPUT =
  'audio/mpeg,audio/mp4,audio/x-m4a,audio/ogg,audio/wav,audio/x-wav,video/mp4,video/webm,.mp3,.m4a,.ogg,.opus,.wav,.mp4,.webm';
