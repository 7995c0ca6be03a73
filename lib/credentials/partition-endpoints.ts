import type { Partition } from './types';

/**
 * Per-partition hosts for console federation. Each partition is a separate AWS; credentials from
 * one are rejected by another's sign-in endpoint.
 *  - federation: the "custom identity broker" endpoint (IAM User Guide, id_roles_providers_enable-
 *    console-custom-url; China and GovCloud use their own sign-in domains);
 *  - consoleDomain: regional console hosts are `<region>.<consoleDomain>` (General Reference,
 *    "AWS Management Console endpoints"; the same shape in amazonaws.cn and amazonaws-us-gov.com).
 */
export const partitionEndpoints: Record<Partition, { federation: string; consoleDomain: string }> = {
  aws: { federation: 'https://signin.aws.amazon.com/federation', consoleDomain: 'console.aws.amazon.com' },
  'aws-cn': { federation: 'https://signin.amazonaws.cn/federation', consoleDomain: 'console.amazonaws.cn' },
  'aws-us-gov': {
    federation: 'https://signin.amazonaws-us-gov.com/federation',
    consoleDomain: 'console.amazonaws-us-gov.com',
  },
};
