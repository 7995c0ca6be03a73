import { describe, expect, it } from 'vitest';
import { consoleHomeUrl } from './console-home-url';

describe('consoleHomeUrl', () => {
  it.each([
    ['aws', 'us-east-1', 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1'],
    ['aws', 'ap-southeast-5', 'https://ap-southeast-5.console.aws.amazon.com/console/home?region=ap-southeast-5'],
    ['aws-cn', 'cn-north-1', 'https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1'],
    [
      'aws-us-gov',
      'us-gov-west-1',
      'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    ],
  ] as const)('%s %s', (partition, region, expected) => {
    expect(consoleHomeUrl({ partition, region })).toBe(expected);
  });

  it('rejects regions outside the partition or of the wrong shape', () => {
    expect(() => consoleHomeUrl({ partition: 'aws-cn', region: 'us-east-1' })).toThrow(/aws-cn partition/);
    expect(() => consoleHomeUrl({ partition: 'aws', region: 'evil.com/x-1' })).toThrow(/region code/);
  });
});
