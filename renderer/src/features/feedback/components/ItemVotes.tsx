// An item's votes: my vote toggle, the voter list (members and customers), and votes
// recorded on behalf of a customer.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackItemSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useApp, useRuntime } from '../../../context';
import { FieldError, type ShownError } from '../../../components/FieldError';

export function ItemVotes({ item, readOnly }: { item: FeedbackItemSnapshot; readOnly: boolean }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const me = useApp((s) => s.identity?.memberId);
  const members = useApp((s) => s.workspace?.members ?? []);
  const [customer, setCustomer] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const name = (id: string) => members.find((m) => m.id === id)?.name ?? '?';
  const mine = item.voters.some((v) => v.kind === 'member' && v.memberId === me);
  const merged = item.mergedInto !== null;
  function addCustomer(e: FormEvent) {
    e.preventDefault();
    const result = runtime.feedback.addCustomerVote(item.id, customer);
    if (!result.ok) return setError(result.error);
    setError(null);
    setCustomer('');
  }
  return (
    <section className="detail-section" aria-labelledby="votes-heading">
      <h3 id="votes-heading">
        {t('feedback.voters')} <span className="muted small" data-testid="detail-vote-count">{t('feedback.votes', { count: item.voteCount })}</span>
      </h3>
      {!readOnly && !merged && (
        <button className={`vote-button large${mine ? ' voted' : ''}`} aria-pressed={mine} onClick={() => runtime.feedback.toggleVote(item.id)}>
          ▲ {mine ? t('feedback.unvote') : t('feedback.vote')}
        </button>
      )}
      {item.voters.length === 0 ? (
        <p className="muted small">{t('feedback.noVoters')}</p>
      ) : (
        <ul className="voter-list">
          {item.voters.map((v) => (
            <li key={v.key} data-testid="voter">
              {v.kind === 'member' ? (
                name(v.memberId)
              ) : (
                <>
                  {t('feedback.onBehalf', { customer: v.customer, name: name(v.recordedBy) })}
                  {!readOnly && (
                    <button className="link-button small" onClick={() => runtime.feedback.removeCustomerVote(item.id, v.customer)}>
                      {t('feedback.removeVote')}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && !merged && (
        <form className="inline-form" onSubmit={addCustomer} aria-label={t('feedback.customerVote')}>
          <label className="grow">
            {t('feedback.customerVote')}
            <input value={customer} onChange={(e) => setCustomer(e.target.value)} placeholder={t('feedback.customerName')} />
          </label>
          <button type="submit">{t('feedback.addCustomerVote')}</button>
          <FieldError error={error} />
        </form>
      )}
    </section>
  );
}
