// Shown when none of the person's groups maps to a role: what Keyport saw and who can help.
export function NoRoles({ groups, supportContact }: { groups: string[]; supportContact: string }) {
  return (
    <div className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-6" data-testid="no-roles">
      <h2 className="text-lg font-semibold text-amber-950">No AWS roles for you yet</h2>
      <p className="mt-2 text-sm text-amber-900">
        Keyport gives AWS roles to IdP groups. None of your groups is mapped to a role, so there is nothing to request.
      </p>
      <p className="mt-3 text-sm text-amber-900">
        Your groups, as your identity provider sent them:{' '}
        {groups.length > 0 ? (
          groups.map((g) => (
            <code key={g} className="mr-1 rounded bg-white px-1.5 py-0.5 text-xs">
              {g}
            </code>
          ))
        ) : (
          <em>none</em>
        )}
      </p>
      <p className="mt-3 text-sm text-amber-900">
        To get access, ask <strong>{supportContact}</strong> to map one of your groups to the role you need — or to add you to a
        group that already has it. Once that is done, sign out and in again.
      </p>
    </div>
  );
}
