// Importing feedback from a CSV file: choose the file, match its columns to Tandem's fields,
// see a preview and every row that will be skipped (by row number), then import the rest in
// one undoable step. Nothing is written before the person confirms.
import { useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackBoardSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useApp, useRuntime } from '../../../context';
import { CSV_FIELDS, CsvImportError, MAX_CSV_BYTES, parseCsv, type CsvField, type ParsedCsv } from '../csv-import';
import { prepareImport } from '../import-rows';
import { Dialog } from '../../../components/dialog/Dialog';
import { FieldError, type ShownError } from '../../../components/FieldError';

const PREVIEW_ROWS = 8;

export function ImportDialog({ board }: { board: FeedbackBoardSnapshot }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const members = useApp((s) => s.workspace?.members ?? []);
  const [csv, setCsv] = useState<ParsedCsv | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<CsvField, number>>>({});
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => runtime.store.setState({ feedbackDialog: null });
  const prepared = useMemo(() => (csv && mapping.title !== undefined ? prepareImport(csv, mapping, board, members, t) : null), [csv, mapping, board, members, t]);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setCsv(null);
    setError(null);
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) return setError({ messageKey: 'import.tooLarge', params: { maxMb: MAX_CSV_BYTES / 1024 / 1024 } });
    setBusy(true);
    try {
      const parsed = parseCsv(new Uint8Array(await file.arrayBuffer()));
      setCsv(parsed);
      setMapping(parsed.mapping);
    } catch (err) {
      setError(err instanceof CsvImportError ? { messageKey: err.messageKey, params: err.params } : { messageKey: 'import.unreadable', params: {} });
    } finally {
      setBusy(false);
    }
  }

  function doImport() {
    if (!prepared || prepared.rows.length === 0) return;
    const result = runtime.feedback.importRows(prepared.rows, 2);
    if (!result.ok) return setError(result.error);
    runtime.store.setState({ feedbackDialog: null, toast: { id: Date.now(), messageKey: 'import.done', params: { count: result.value.imported.length }, undoable: true } });
  }

  return (
    <Dialog title={t('import.title')} onClose={close} size="wide" testId="import-dialog">
      <p className="muted small">{t('import.intro')}</p>
      <label>
        {t('import.file')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={busy} autoFocus />
      </label>
      <FieldError error={error} />
      {csv && (
        <>
          <p className="muted small">{t('import.encoding', { encoding: csv.encoding === 'utf-8' ? 'UTF-8' : 'GBK / GB18030' })}</p>
          <fieldset className="mapping">
            <legend>{t('import.mapping')}</legend>
            {CSV_FIELDS.map((field) => (
              <label key={field}>
                {t(`import.fields.${field}`)}
                <select
                  value={mapping[field] ?? ''}
                  onChange={(e) =>
                    setMapping((m) => {
                      const next = { ...m };
                      if (e.target.value === '') delete next[field];
                      else next[field] = Number(e.target.value);
                      return next;
                    })
                  }
                >
                  <option value="">{t('import.notImported')}</option>
                  {csv.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
          {mapping.title === undefined && <p className="field-error" role="alert">{t('import.needTitle')}</p>}
          <h3>{t('import.preview', { count: Math.min(PREVIEW_ROWS, csv.rows.length) })}</h3>
          <div className="preview-scroll">
            <table className="preview">
              <thead>
                <tr>
                  {CSV_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => (
                    <th key={f}>{t(`import.fields.${f}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {csv.rows.slice(0, PREVIEW_ROWS).map((row, i) => (
                  <tr key={i}>
                    {CSV_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => (
                      <td key={f}>{row[mapping[f] as number]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {prepared && (
            <>
              <p role="status" data-testid="import-ready">
                {t('import.rowsReady', { count: prepared.rows.length })}
              </p>
              {prepared.problems.length > 0 && (
                <div className="row-problems" role="alert" data-testid="import-problems">
                  <p>{t('import.rowErrors', { count: prepared.problems.length })}</p>
                  <ul>
                    {prepared.problems.slice(0, 200).map((p) => (
                      <li key={p.row}>{t('import.rowError', { row: p.row, message: t(p.messageKey, p.params) })}</li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" onClick={close}>
          {t('item.cancel')}
        </button>
        <button type="button" className="primary" disabled={!prepared || prepared.rows.length === 0} onClick={doImport}>
          {t('import.importButton', { count: prepared?.rows.length ?? 0 })}
        </button>
      </div>
    </Dialog>
  );
}
