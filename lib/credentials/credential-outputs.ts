import type { ExportFormat } from './types';

export type CredentialOutputId = ExportFormat | 'credentials-file';

export type CredentialOutput = {
  id: CredentialOutputId;
  /** Tab label. */
  label: string;
  /** Whether the text is pasted into a shell or saved into a file. */
  kind: 'shell' | 'file';
  /** One line telling the person where the text goes. */
  hint: string;
};

/** The outputs the credentials page offers, in tab order (the most common shell first). */
export const credentialOutputs: readonly CredentialOutput[] = [
  {
    id: 'env',
    label: 'bash / zsh',
    kind: 'shell',
    hint: 'Paste into a bash or zsh terminal; the variables are exported to commands you run from it.',
  },
  {
    id: 'fish',
    label: 'fish',
    kind: 'shell',
    hint: 'Paste into a fish shell (set -gx).',
  },
  {
    id: 'powershell',
    label: 'PowerShell',
    kind: 'shell',
    hint: 'Paste into a PowerShell window; applies to that window only.',
  },
  {
    id: 'windows-cmd',
    label: 'Windows cmd',
    kind: 'shell',
    hint: 'Paste into a Command Prompt window; applies to that window only.',
  },
  {
    id: 'env-no-export',
    label: '.env',
    kind: 'file',
    hint: 'NAME=value lines for a .env file or docker run --env-file; not exported to child processes if pasted into a shell.',
  },
  {
    id: 'credentials-file',
    label: '~/.aws/credentials',
    kind: 'file',
    hint: 'Add to ~/.aws/credentials (Windows: %USERPROFILE%\\.aws\\credentials) and use --profile with the name in brackets.',
  },
  {
    id: 'process',
    label: 'credential_process',
    kind: 'file',
    hint: 'The JSON the AWS CLI and SDKs read from a credential_process. These credentials expire and are not renewed: for a profile that renews itself, use the keyport CLI (below).',
  },
];
