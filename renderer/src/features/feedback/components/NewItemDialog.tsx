// The dialog to add a feedback item: title, description, channel, customer, tags,
// importance, impact and effort, validated by the shared mutation.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useRuntime } from '../../../context';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { ChannelOptions, ImportanceOptions, ScaleOptions } from '../../../components/options';

export function splitTags(text: string): string[] {
  return text
    .split(/[,，、;；]/)
    .map((t) => t.trim().replace(/^#/, ''))
    .filter(Boolean);
}

export function NewItemDialog({ board }: { board: FeedbackBoardSnapshot }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [channelId, setChannelId] = useState('');
  const [customer, setCustomer] = useState('');
  const [tags, setTags] = useState('');
  const [importance, setImportance] = useState(1);
  const [impact, setImpact] = useState(3);
  const [effort, setEffort] = useState(3);
  const [error, setError] = useState<ShownError | null>(null);
  const close = () => runtime.store.setState({ feedbackDialog: null });
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = runtime.feedback.create({ title, description, channelId: channelId || null, customer, tags: splitTags(tags), importance, impact, effort });
    if (!result.ok) return setError(result.error);
    close();
  }
  return (
    <Dialog title={t('feedback.newItem')} onClose={close}>
      <form onSubmit={submit} noValidate>
        <label>
          {t('item.title')}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('item.titlePlaceholder')} autoFocus aria-invalid={error?.field === 'title'} />
        </label>
        {error?.field === 'title' && <FieldError error={error} />}
        <label>
          {t('item.description')}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
        </label>
        <div className="row">
          <label>
            {t('item.channel')}
            <select value={channelId} onChange={(e) => setChannelId(e.target.value)}>
              <option value="">{t('feedback.noChannel')}</option>
              <ChannelOptions channels={board.channels} />
            </select>
          </label>
          <label>
            {t('item.customer')}
            <input value={customer} onChange={(e) => setCustomer(e.target.value)} />
          </label>
        </div>
        <label>
          {t('item.tags')}
          <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder={t('item.tagsHint')} />
        </label>
        <div className="row">
          <label>
            {t('feedback.importance.label')}
            <select value={importance} onChange={(e) => setImportance(Number(e.target.value))}>
              <ImportanceOptions />
            </select>
          </label>
          <label>
            {t('feedback.impactField')}
            <select value={impact} onChange={(e) => setImpact(Number(e.target.value))}>
              <ScaleOptions />
            </select>
          </label>
          <label>
            {t('feedback.effortField')}
            <select value={effort} onChange={(e) => setEffort(Number(e.target.value))}>
              <ScaleOptions />
            </select>
          </label>
        </div>
        {error && error.field !== 'title' && <FieldError error={error} />}
        <div className="actions">
          <button type="button" onClick={close}>
            {t('item.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('item.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
