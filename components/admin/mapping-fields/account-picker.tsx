'use client';
// The AWS account: picked from the accounts Keyport knows (one name each), or a new one named
// here. The role ARN decides the account id; picking an account starts an empty ARN with it.
import { useTranslations } from 'next-intl';
import type { AccountRecord } from '@/lib/mappings/check-account-label';
import { describedBy, FieldMessage, inputClass } from './field';

export const NEW_ACCOUNT = 'new';

export function AccountPicker(props: { accounts: AccountRecord[]; choice: string; newLabel: string; arnAccountId: string | null; error?: string; onChoose: (choice: string) => void; onNewLabel: (label: string) => void; onBlur: () => void }) {
  const t = useTranslations('mappings.form');
  const d = describedBy('accountLabel', props.error, true);
  const isNew = props.choice === NEW_ACCOUNT;
  return (
    <div>
      <label htmlFor="accountChoice" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {t('account')}
      </label>
      <select id="accountChoice" className={inputClass} value={props.choice} onChange={(e) => props.onChoose(e.target.value)} onBlur={props.onBlur} {...(isNew ? {} : d)}>
        {props.choice === '' && <option value="">{t('chooseAccount')}</option>}
        {props.accounts.map((a) => (
          <option key={a.id} value={a.id} translate="no">
            {a.label} ({a.id})
          </option>
        ))}
        <option value={NEW_ACCOUNT}>{props.arnAccountId && !props.accounts.some((a) => a.id === props.arnAccountId) ? t('anotherAccountId', { id: props.arnAccountId }) : t('anotherAccount')}</option>
      </select>
      {isNew && (
        <div className="mt-2">
          <label htmlFor="accountLabel" className="block text-xs font-medium text-slate-800 dark:text-slate-200">
            {props.arnAccountId ? t('newAccountNameId', { id: props.arnAccountId }) : t('newAccountName')}
          </label>
          <input id="accountLabel" className={inputClass} value={props.newLabel} onChange={(e) => props.onNewLabel(e.target.value)} onBlur={props.onBlur} {...d} />
        </div>
      )}
      <FieldMessage id="accountLabel" error={props.error} hint={isNew ? t('accountHintNew') : t('accountHint')} />
    </div>
  );
}
