// The library ships no types: the part of its API that timed-text.ts uses.
declare module 'webvtt-parser' {
  interface WebVttNode {
    type: string;
    value?: string;
    children?: WebVttNode[];
  }
  interface WebVttCue {
    startTime: number;
    endTime: number;
    text: string;
    tree: { children?: WebVttNode[] };
  }
  interface WebVttTree {
    cues: WebVttCue[];
    errors: { message: string; line: number; col?: number }[];
  }
  class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode: 'metadata' | 'chapters'): WebVttTree;
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
