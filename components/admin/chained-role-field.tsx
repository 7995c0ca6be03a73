'use client';
// Role chaining on the mapping form: the optional target role Keyport assumes with the session of
// the mapping's role (the hub). Its own small field, so the form needs one line for it.
import { useTranslations } from 'next-intl';
import { describedBy, Field, inputClass } from './mapping-fields/field';

export function ChainedRoleField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const t = useTranslations('mappings.form');
  return (
    <Field id="chainedRoleArn" label={t('chainedRoleArn')} hint={t('chainedRoleArnHint')} {...(error ? { error } : {})}>
      <input
        translate="no"
        id="chainedRoleArn"
        className={`${inputClass} font-mono`}
        value={value}
        placeholder="arn:aws:iam::210987654321:role/Name"
        onChange={(e) => onChange(e.target.value)}
        {...describedBy('chainedRoleArn', error, true)}
      />
    </Field>
  );
}
