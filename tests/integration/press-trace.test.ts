/**
 * The browser benchmark times key presses from Chromium's trace (`bench/press-trace.mts`). The
 * fixture is cut from a real trace of the W1 benchmark: a label key press that created an
 * annotation, then the Escape after it, with their Event Timing records and the animation
 * frames' rendering phases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyTimings, type TraceEvent } from '../../bench/press-trace.mts';

const trace = JSON.parse(readFileSync(join(__dirname, '../fixtures/trace-two-key-presses.json'), 'utf8')) as { traceEvents: (TraceEvent & { dur?: number })[] };

describe('keyTimings', () => {
  it('reads each keydown: input delay, handlers, the next frame\'s rendering, and when it was on screen', () => {
    const [label, escape] = keyTimings(trace);
    expect(label.inputDelay).toBeCloseTo(5978.777 - 5978.461, 3);
    expect(label.processing).toBeCloseTo(5986.567 - 5978.777, 3);
    // The first rendering phase after the handlers ended (8.106 ms after the event): 2.869 ms.
    expect(label.render).toBeCloseTo((20026569001 - 20026566132) / 1000, 3);
    expect(label.presented).toBeCloseTo(23.845, 3);
    expect(escape.processing).toBeCloseTo(6013.559 - 6010.641, 3);
    expect(escape.render).toBeCloseTo((20026590166 - 20026587206) / 1000, 3);
  });

  it('agrees with the trace\'s own record of the keydown dispatch (handlers and microtasks)', () => {
    const dispatches = trace.traceEvents.filter((e) => e.name === 'EventDispatch').sort((a, b) => a.ts - b.ts);
    const timings = keyTimings(trace);
    expect(timings).toHaveLength(dispatches.length);
    timings.forEach((t, i) => expect(Math.abs(t.processing - dispatches[i].dur! / 1000)).toBeLessThan(0.1));
  });

  it('ignores key releases and finds nothing in a trace without key presses', () => {
    expect(keyTimings(trace.traceEvents.filter((e) => e.name !== 'EventTiming' || (e.args?.data as { type?: string } | undefined)?.type !== 'keydown'))).toEqual([]);
  });
});
