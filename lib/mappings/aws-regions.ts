// Pure: the AWS regions an admin may choose for a mapping. A closed list, so a region that reaches
// an STS hostname or a console URL was picked here, never typed.
import type { Partition } from '@/lib/credentials/types';

export const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-west-1',
  'us-gov-east-1',
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(AWS_REGIONS);

export function isKnownRegion(region: string): region is AwsRegion {
  return KNOWN.has(region);
}

export function regionPartition(region: AwsRegion): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function regionsOfPartition(partition: Partition): AwsRegion[] {
  return AWS_REGIONS.filter((r) => regionPartition(r) === partition);
}
