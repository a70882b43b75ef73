import { execFile } from 'node:child_process';
import fs from 'node:fs';

/** Where the system's ffmpeg is (Debian package `ffmpeg`, installed by .ci/run when missing). */
export const FFMPEG_PATH = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';

/** True when ffmpeg can be run here. */
export function ffmpegAvailable(): boolean {
  try {
    fs.accessSync(FFMPEG_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * One frame of a video as a JPEG (the poster), taken `atSeconds` in (or at the start for a
 * shorter video). Runs ffmpeg with arguments, never a shell; gives up after 20 s.
 */
export function extractPosterFrame(videoPath: string, atSeconds: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      FFMPEG_PATH,
      [
        '-v',
        'error',
        '-ss',
        String(Math.max(0, atSeconds)),
        '-i',
        videoPath,
        '-frames:v',
        '1',
        '-f',
        'image2',
        '-c:v',
        'mjpeg',
        '-q:v',
        '3',
        'pipe:1',
      ],
      { encoding: 'buffer', maxBuffer: 20 * 1024 * 1024, timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`ffmpeg : ${stderr.toString().trim() || error.message}`));
        else if (stdout.length === 0) reject(new Error('ffmpeg : aucune image extraite'));
        else resolve(stdout);
      },
    );
  });
}
