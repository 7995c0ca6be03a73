import { describe, expect, it } from 'vitest';
import { partitionOfRegion, regionSchema } from './region-schema';

describe('regionSchema', () => {
  it.each(['us-east-1', 'eu-central-2', 'ap-southeast-5', 'cn-northwest-1', 'us-gov-west-1', 'il-central-1'])(
    'accepts %s',
    (region) => expect(regionSchema.safeParse(region).success).toBe(true),
  );
  it.each(['', 'us-east', 'us-east-10', 'US-EAST-1', 'us_east_1', 'use1', ' us-east-1', 'us-east-1 ', 'us-iso-east-1x', 'a-b-1'])(
    'rejects %j',
    (region) => expect(regionSchema.safeParse(region).success).toBe(false),
  );
});

describe('partitionOfRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-3', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('%s is in %s', (region, partition) => expect(partitionOfRegion(region)).toBe(partition));
});
