// Pure: the STS endpoint for a mapping. Regional by default (from inside a VPC the global
// endpoint often times out); an override — per mapping, then global — serves VPC interface
// endpoints and the sandbox. Regions are validated against a strict pattern before they become
// part of a URL.
import { REGION_PATTERN } from '@/lib/credentials/region-schema';

export function partitionOfArn(arn: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  const p = arn.split(':')[1];
  if (p === 'aws' || p === 'aws-cn' || p === 'aws-us-gov') return p;
  throw new Error(`not an AWS ARN partition: ${p ?? '(none)'}`);
}

export function stsEndpoint(opts: { region: string; partition: 'aws' | 'aws-cn' | 'aws-us-gov'; mappingOverride?: string | null; globalOverride?: string | null }): string {
  if (opts.mappingOverride) return opts.mappingOverride;
  if (opts.globalOverride) return opts.globalOverride;
  if (!REGION_PATTERN.test(opts.region)) throw new Error(`invalid region ${JSON.stringify(opts.region)}`);
  return opts.partition === 'aws-cn' ? `https://sts.${opts.region}.amazonaws.com.cn` : `https://sts.${opts.region}.amazonaws.com`;
}
