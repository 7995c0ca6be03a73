// Pure: a request's duration and region against its mapping. Bad input is a 422 naming the field;
// nothing is recorded or sent to AWS for it (callers check this before anything else happens).
import { explainedError } from '@/lib/errors/app-error';

export const MIN_DURATION_SECONDS = 900;

export function checkRequestBounds(request: { durationSeconds: number; region: string }, mapping: { maxDurationSeconds: number; allowedRegions: readonly string[] }): void {
  const max = mapping.maxDurationSeconds;
  if (!Number.isInteger(request.durationSeconds) || request.durationSeconds < MIN_DURATION_SECONDS || request.durationSeconds > max) {
    throw explainedError('invalid_input', { key: 'issue.duration', values: { max: max / 60 } }, {
      fields: { durationSeconds: `Between ${MIN_DURATION_SECONDS} and ${max} seconds.` },
    });
  }
  if (!mapping.allowedRegions.includes(request.region)) {
    throw explainedError('invalid_input', { key: 'issue.region', values: { region: request.region, allowed: mapping.allowedRegions.join(', ') } }, {
      fields: { region: `One of ${mapping.allowedRegions.join(', ')}.` },
    });
  }
}
