/** Temporary AWS credentials as returned by STS AssumeRoleWith{WebIdentity,SAML}. */
export type TemporaryCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

/** The `--format` values of `aws configure export-credentials` (AWS CLI v2). */
export type ExportFormat = 'env' | 'env-no-export' | 'powershell' | 'windows-cmd' | 'fish' | 'process';

export const exportFormats = [
  'env',
  'env-no-export',
  'powershell',
  'windows-cmd',
  'fish',
  'process',
] as const satisfies readonly ExportFormat[];

/** AWS partitions whose console federation endpoint Keyport knows. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export const partitions = ['aws', 'aws-cn', 'aws-us-gov'] as const satisfies readonly Partition[];
