import { describe, expect, it } from 'vitest';
import { originOf, summariseProfiles } from './cpu-profile';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 }, children });

describe('summariseProfiles', () => {
  it('adds self time per frame and origin, inclusive time along the stack, and leaves idle out of busy', () => {
    const profile = {
      nodes: [
        frame(1, '(root)', '', [2, 4]),
        frame(2, 'handle', 'file:///x/node_modules/next/dist/server/base-server.js', [3]),
        frame(3, 'query', 'file:///x/node_modules/pg/lib/client.js'),
        frame(4, '(idle)', ''),
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [3, 3, 2, 4],
      timeDeltas: [1000, 1000, 1000, 7000],
    };
    const s = summariseProfiles([profile]);
    expect(s.totalMs).toBe(10);
    expect(s.busyMs).toBe(3);
    expect(Object.fromEntries(s.origins)).toEqual({ pg: 2, 'Next.js': 1 });
    expect(s.frames[0]?.[0]).toMatch(/^query pg\/lib\/client\.js/);
    const inclusive = Object.fromEntries(s.inclusive.map(([k, v]) => [k.split(' ')[0], v]));
    expect(inclusive).toMatchObject({ handle: 3, query: 2 });
  });

  it('names origins by package, GC and Node internals', () => {
    expect(originOf('', '(garbage collector)')).toBe('garbage collection');
    expect(originOf('node:internal/streams/readable', 'push')).toBe('Node.js internals');
    expect(originOf('file:///a/node_modules/@prisma/client/runtime/x.js', 'f')).toBe('Prisma');
    expect(originOf('file:///a/node_modules/next/dist/compiled/react-dom/x.js', 'f')).toBe('React (in next)');
  });
});
