import { describe, expect, it } from 'vitest';
import { toggled } from './toggled';

describe('toggled', () => {
  it('takes out what is in and puts in what is not, leaving the original set alone', () => {
    const labels = new Set(['actor', 'claim']);
    expect([...toggled(labels, 'claim')]).toEqual(['actor']);
    expect([...toggled(labels, 'location')]).toEqual(['actor', 'claim', 'location']);
    expect([...labels]).toEqual(['actor', 'claim']);
  });
});
