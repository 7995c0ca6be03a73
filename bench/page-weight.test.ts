import { describe, expect, it } from 'vitest';
import { scriptChunks } from './page-weight';

describe('scriptChunks', () => {
  it('finds script tags, preloads and chunks named in the escaped RSC payload, once each', () => {
    const html = [
      '<script src="/_next/static/chunks/main-abc.js" async=""></script>',
      '<link rel="preload" as="script" href="/_next/static/chunks/app/page-1.js"/>',
      '<script>self.__next_f.push([1,"1:I[\\"123\\",[\\"static/chunks/comp-9.js\\",\\"/_next/static/chunks/main-abc.js\\"],\\"X\\"]"])</script>',
      '<link rel="stylesheet" href="/_next/static/css/app.css"/>',
      '<script src="/_next/static/chunks/polyfills-1.js" noModule=""></script>',
    ].join('');
    expect(scriptChunks(html)).toEqual(['/_next/static/chunks/app/page-1.js', '/_next/static/chunks/comp-9.js', '/_next/static/chunks/main-abc.js']);
  });
});
