// A translated validation message under a field, announced to assistive technology.
import { useTranslation } from 'react-i18next';

export interface ShownError {
  messageKey: string;
  field?: string;
  params: Record<string, string | number>;
}

export function FieldError({ error, id }: { error: ShownError | null; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" role="alert" id={id}>
      {t(error.messageKey, error.params)}
    </p>
  );
}
