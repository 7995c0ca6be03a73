import { describe, expect, it } from 'vitest';
import { destinationRegion, escapeHtml } from './federation';

describe('console page helpers', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it.each([
    ['https://console.aws.amazon.com/console/home?region=eu-west-1', 'eu-west-1'],
    ['https://eu-central-1.console.aws.amazon.com/ec2/home', 'eu-central-1'],
    ['https://console.aws.amazon.com/', 'us-east-1'],
    ['https://console.aws.amazon.com/?region=<script>', 'us-east-1'],
  ])('reads the region of %s', (url, region) => {
    expect(destinationRegion(new URL(url))).toBe(region);
  });
});
