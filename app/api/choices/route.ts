// PUT /api/choices — remembers the output format and profile name the person picked for a role
// they were issued credentials for (lib/choices). Body: { mappingId, outputFormat?, profileName? }.
// 204 when remembered, 404 when the person has no issuance of that role to attach it to.
import { outputChoiceSchema } from '@/lib/choices/output-choice-schema';
import { rememberOutputChoice } from '@/lib/choices/remember-output-choice';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const PUT = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor, request }) => {
  const choice = await readJson(request, outputChoiceSchema);
  const kept = await rememberOutputChoice({ db: getDb(), actorSub: actor.sub, choice });
  if (!kept) throw new AppError('not_found', 'Get credentials for this role first; Keyport remembers choices only for roles you used.');
  return new Response(null, { status: 204 });
});
