import { z } from 'zod';
import type { Partition } from './types';

// A region ends up in a hostname and a query string; only the AWS shape `xx-name-N` or
// `xx-gov-name-N` is let through, so nothing else can reach a URL.
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const regionSchema = z.string().regex(REGION_PATTERN, {
  error: 'must be an AWS region code such as eu-west-1 or us-gov-west-1',
});

/** Which partition a region code belongs to (China regions start `cn-`, GovCloud `us-gov-`). */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
