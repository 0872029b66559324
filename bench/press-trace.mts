/**
 * Key press timings from a Chromium trace (category `devtools.timeline`): the browser's own
 * Event Timing and animation frame records, the instruments behind INP and Long Animation
 * Frames. Script in the page cannot time this itself: a message posted after the next frame
 * runs after whatever other tasks were queued first (React's deferred renders, timers), so it
 * measures them too.
 */
export interface TraceEvent { name: string; ph: string; ts: number; pid: number; tid?: number; id?: string; args?: { data?: Record<string, unknown> } }

export interface KeyTiming {
  /** ms from the key event to the start of its handlers (the main thread was busy). */
  inputDelay: number;
  /** ms in the event's handlers and the microtasks after them (ProseMirror, the op, React's render and commit). */
  processing: number;
  /** ms of the next frame's rendering on the main thread: style, layout, paint, layerize, commit. */
  render: number;
  /** ms from the key event until the frame showing its result was presented on screen. */
  presented: number;
}

interface EventTimingData { type: string; timeStamp: number; processingStart: number; processingEnd: number; duration: number }

/** The timings of every `keydown` in the trace, in order. */
export function keyTimings(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): KeyTiming[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const keys = events.filter((e) => e.name === 'EventTiming' && e.ph === 'b' && (e.args?.data as EventTimingData | undefined)?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);
  if (!keys.length) return [];
  const pid = keys[0].pid;
  // The frames' rendering phases, begin and end events in order.
  const phases = events.filter((e) => e.name === 'AnimationFrame::Render' && e.pid === pid && (e.ph === 'b' || e.ph === 'e')).sort((a, b) => a.ts - b.ts);
  const renders: { start: number; end: number }[] = [];
  for (let i = 0; i < phases.length; i++) {
    if (phases[i].ph !== 'b') continue;
    const end = phases.slice(i + 1).find((e) => e.ph === 'e');
    if (end) renders.push({ start: phases[i].ts, end: end.ts });
  }
  return keys.map((key) => {
    const d = key.args!.data as unknown as EventTimingData;
    // The event's begin record is stamped with its time stamp; the rest is relative to it, in ms.
    const handled = key.ts + (d.processingEnd - d.timeStamp) * 1000;
    const frame = renders.find((r) => r.start >= handled);
    return {
      inputDelay: d.processingStart - d.timeStamp,
      processing: d.processingEnd - d.processingStart,
      render: frame ? (frame.end - frame.start) / 1000 : NaN,
      presented: d.duration,
    };
  });
}
