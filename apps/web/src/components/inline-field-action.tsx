import { useId, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice.tsx';
import { useSubmission } from './use-submission.ts';

export interface InlineFieldActionProps<T> {
  /** the button that opens the form, and the form's accessible name */
  label: string;
  fieldLabel: string;
  submitLabel: string;
  /** what the field is told when `parse` refuses it */
  invalidText: string;
  /** the value to submit, or undefined when what was typed is not valid */
  parse: (typed: string) => T | undefined;
  onSubmit: (value: T) => Promise<unknown>;
  onDone?: (value: T) => void;
  initial?: string;
  openerClass?: string;
  submitClass?: string;
  input?: Pick<InputHTMLAttributes<HTMLInputElement>, 'maxLength' | 'inputMode'>;
}

/**
 * A button that opens a one-field form in place (a reason, a name, an amount): checked before it
 * is sent, the service's refusal shown beside it, Enter submits and Escape closes.
 */
export function InlineFieldAction<T>({ label, fieldLabel, submitLabel, invalidText, parse, onSubmit, onDone, initial = '', openerClass = 'button-secondary', submitClass = 'button-primary', input }: InlineFieldActionProps<T>) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(initial);
  const { busy, error, run } = useSubmission();
  const [invalid, setInvalid] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = parse(typed);
    if (value === undefined) return setInvalid(true);
    await run(async () => {
      await onSubmit(value);
      setOpen(false);
      setTyped(initial);
      onDone?.(value);
    });
  };

  if (!open) {
    return (
      <button type="button" className={openerClass} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form className="reason-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} aria-label={label}>
      <label htmlFor={id}>{fieldLabel}</label>
      <input id={id} autoFocus value={typed} onChange={(e) => (setTyped(e.target.value), setInvalid(false))} aria-invalid={invalid} aria-describedby={invalid ? `${id}-hint` : undefined} {...input} />
      {invalid && (
        <span id={`${id}-hint`} className="field-error">
          {invalidText}
        </span>
      )}
      <div className="row">
        <button type="submit" className={submitClass} disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
