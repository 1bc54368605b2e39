import { ERROR_STATUS } from '@gridledger/api-errors';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { en } from '../i18n/en.ts';
import { setLanguage } from '../i18n/i18n.ts';
import { ErrorNotice } from './error-notice.tsx';

afterEach(() => act(() => setLanguage('en')));

const policyDenied = new ApiError(403, 'POLICY_DENIED', 'organisation ConsumerMSP is not allowed by the policy');

describe('service errors in the chosen language', () => {
  it("every code of the platform's one table has its own sentence (and so, by the dictionaries' test, a Chinese one)", () => {
    const missing = Object.keys(ERROR_STATUS).filter((code) => !Object.hasOwn(en.errors.codes, code));
    expect(missing).toEqual([]);
  });

  it("shows an English reader the service's own sentence", () => {
    render(<ErrorNotice error={policyDenied} />);
    expect(screen.getByRole('alert')).toHaveTextContent('You may not do this: Organisation ConsumerMSP is not allowed by the policy.');
  });

  it("shows a Chinese reader the code's translation, with the service's words kept beside it in English", () => {
    act(() => setLanguage('zh'));
    render(<ErrorNotice error={policyDenied} />);
    expect(screen.getByRole('alert')).toHaveTextContent('该资产的访问策略不允许此操作。');
    expect(screen.getByText('POLICY_DENIED: Organisation ConsumerMSP is not allowed by the policy.')).toHaveAttribute('lang', 'en');
  });

  it('falls back to the sentence for a code the table does not know', () => {
    act(() => setLanguage('zh'));
    render(<ErrorNotice error={new ApiError(422, 'SOMETHING_NEW', 'a newer refusal')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('A newer refusal.');
  });
});
