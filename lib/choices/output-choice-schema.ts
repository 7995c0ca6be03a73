// Pure: what a person may store as their output choice for a role — a known format and a valid
// profile name, nothing else (the table must never hold anything secret-shaped).
import { z } from 'zod';
import { isValidProfileName } from '@/lib/credentials/profile-name-problem';
import { exportFormats } from '@/lib/credentials/types';

export const OUTPUT_FORMATS = [...exportFormats, 'credentials-file'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const outputChoiceSchema = z.object({
  mappingId: z.uuid(),
  outputFormat: z.enum(OUTPUT_FORMATS).optional(),
  profileName: z
    .string()
    .max(64)
    .refine((n) => isValidProfileName(n), { error: 'must be a valid profile name' })
    .optional(),
});
export type OutputChoice = z.infer<typeof outputChoiceSchema>;
