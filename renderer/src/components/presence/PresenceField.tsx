// A field of a goal or feedback item as presence sees it: marked for the focus tracker (which
// item, which field), and ringed in a teammate's colour with "Li is editing" while someone
// else edits it. The element stays the same whether ringed or not, so focus and drafts survive.
import { createElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useItemViewers } from './presence-hooks';

export interface PresenceFieldProps {
  itemId: string;
  /** The field's presence name: `title`, `status`, or `<kpiId>.target` for a KPI's. */
  field: string;
  as?: 'label' | 'div' | 'span';
  className?: string;
  children: ReactNode;
}

export function PresenceField({ itemId, field, as = 'label', className, children }: PresenceFieldProps) {
  const { t } = useTranslation();
  const viewers = useItemViewers(itemId);
  const editors = viewers.filter((v) => v.fields.includes(field));
  const first = editors[0];
  return createElement(
    as,
    {
      className: [className, first ? 'presence-ring' : undefined].filter(Boolean).join(' ') || undefined,
      style: first ? { '--presence-colour': first.colour } : undefined,
      'data-presence-item': itemId,
      'data-presence-field': field,
      'data-presence-editing': first ? 'true' : undefined,
    },
    children,
    first && (
      <span className="presence-field-label" style={{ background: first.colour }} data-testid="field-presence" data-field={field}>
        {editors.map((v) => t('presence.editing', { name: v.name })).join(', ')}
      </span>
    ),
  );
}
