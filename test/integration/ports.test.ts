import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralLow, freePort, sliceIndex, sliceRange } from '../../scripts/ports';

const listening: net.Server[] = [];
afterEach(async () => {
  await Promise.all(listening.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('freePort', () => {
  it('never hands the same port out twice in one process, and each can be listened on', async () => {
    const ports = [];
    for (let i = 0; i < 40; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(40);
    for (const port of ports.slice(0, 5)) {
      const s = net.createServer();
      listening.push(s);
      await new Promise<void>((resolve, reject) => s.once('error', reject).listen(port, '127.0.0.1', resolve));
    }
  });

  it('takes ports below the ephemeral range, from this worker’s slice', async () => {
    const range = sliceRange();
    expect(range).not.toBeNull();
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(range!.from);
    expect(port).toBeLessThan(range!.to);
    expect(port).toBeLessThan(ephemeralLow());
  });

  it('skips a port something already listens on', async () => {
    const range = sliceRange()!;
    const first = await freePort();
    // The next port of the slice is taken by another program: freePort must pass over it.
    const next = first + 1 < range.to ? first + 1 : range.from;
    const s = net.createServer();
    listening.push(s);
    await new Promise<void>((resolve) => s.listen(next, '127.0.0.1', resolve));
    const got = await freePort();
    expect(got).not.toBe(next);
    expect(got).not.toBe(first);
  });

  it('gives different workers different slices', () => {
    const slices = [0, 1, 2, 3].map((i) => sliceIndex({ TEST_PARALLEL_INDEX: String(i) }, 1));
    expect(new Set(slices).size).toBe(4);
    expect(sliceIndex({ VITEST_POOL_ID: '3' }, 1)).toBe(3);
    expect(sliceIndex({}, 35)).toBe(3);
    const [a, b] = [sliceRange(32_768, 0)!, sliceRange(32_768, 1)!];
    expect(a.to).toBeLessThanOrEqual(b.from);
    expect(sliceRange(20_100, 0)).toBeNull();
  });
});
