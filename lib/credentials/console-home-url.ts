import { CredentialInputError, parseOrThrow } from './credential-input-error';
import { partitionEndpoints } from './partition-endpoints';
import { partitionOfRegion, regionSchema } from './region-schema';
import type { Partition } from './types';

/**
 * The regional console home, e.g. `https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1`
 * (`…console.amazonaws.cn…` for China, `…console.amazonaws-us-gov.com…` for GovCloud). Landing on
 * the regional host puts the person in the region they picked instead of the last one their browser
 * remembered. The region must match `REGION_PATTERN` and belong to the partition.
 */
export function consoleHomeUrl({ partition, region }: { partition: Partition; region: string }): string {
  const code = parseOrThrow({ schema: regionSchema, value: region, field: 'region' });
  const endpoints = partitionEndpoints[partition];
  if (!endpoints) throw new CredentialInputError({ field: 'partition', message: 'must be aws, aws-cn or aws-us-gov' });
  if (partitionOfRegion(code) !== partition) {
    throw new CredentialInputError({ field: 'region', message: `is not a region of the ${partition} partition` });
  }
  return `https://${code}.${endpoints.consoleDomain}/console/home?region=${code}`;
}
