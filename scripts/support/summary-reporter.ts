// A node:test reporter that writes only the run's final counts, as one JSON line, so that
// scripts/test.ts can add up several runs (unit, then end-to-end) into one summary.

interface TestEvent {
  type: string;
  data: { file?: string; success?: boolean; counts?: Record<string, number>; duration_ms?: number };
}

/** Yields the whole-run "test:summary" event (the one without a file) as JSON. */
export default async function* summaryReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    if (event.type === 'test:summary' && event.data.file === undefined) {
      yield `${JSON.stringify({ success: event.data.success, counts: event.data.counts, duration_ms: event.data.duration_ms })}\n`;
    }
  }
}
