import { describe, expect, it } from 'vitest';
import { partitionOfArn, stsEndpoint } from './sts-endpoint';

describe('stsEndpoint', () => {
  it('uses the regional endpoint of the partition', () => {
    expect(stsEndpoint({ region: 'eu-west-1', partition: 'aws' })).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(stsEndpoint({ region: 'cn-north-1', partition: 'aws-cn' })).toBe('https://sts.cn-north-1.amazonaws.com.cn');
    expect(stsEndpoint({ region: 'us-gov-west-1', partition: 'aws-us-gov' })).toBe('https://sts.us-gov-west-1.amazonaws.com');
  });

  it('prefers the mapping override, then the global one', () => {
    expect(stsEndpoint({ region: 'eu-west-1', partition: 'aws', globalOverride: 'http://g', mappingOverride: 'https://vpce' })).toBe('https://vpce');
    expect(stsEndpoint({ region: 'eu-west-1', partition: 'aws', globalOverride: 'http://g' })).toBe('http://g');
  });

  it('never puts an invalid region into a URL', () => {
    expect(() => stsEndpoint({ region: 'evil.com/x', partition: 'aws' })).toThrow(/invalid region/);
  });

  it('reads the partition of an ARN', () => {
    expect(partitionOfArn('arn:aws-cn:iam::111122223333:role/x')).toBe('aws-cn');
    expect(() => partitionOfArn('arn:gcp:iam::1:role/x')).toThrow();
  });
});
