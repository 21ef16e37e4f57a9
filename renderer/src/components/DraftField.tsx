// A text field that edits a value from a document: while it has focus it shows what the
// person types; otherwise it shows the document's value, so a teammate's edit appears at
// once without clobbering typing in progress. Commits on blur (and Enter, for one line).
import { useState, type InputHTMLAttributes } from 'react';

interface DraftFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>, 'value' | 'onChange'> {
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
  rows?: number;
}

export function DraftField({ value, onCommit, multiline = false, rows, ...rest }: DraftFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  const common = {
    ...rest,
    value: shown,
    onFocus: () => setDraft(value),
    onBlur: commit,
  };
  if (multiline) return <textarea {...common} rows={rows} onChange={(e) => setDraft(e.target.value)} />;
  return <input {...common} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()} />;
}
