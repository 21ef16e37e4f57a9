// Creating a workshop board: a name, and the person creating it facilitates.
import { useTranslation } from 'react-i18next';
import { NameBoardDialog } from '../../../components/dialog/NameBoardDialog';
import { useWorkshopActions } from '../actions';

export function NewWorkshopDialog({ onClose }: { onClose(): void }) {
  const actions = useWorkshopActions();
  const { t } = useTranslation();
  return (
    <NameBoardDialog
      words={{
        title: t('workshops.newBoardTitle'),
        hint: t('workshops.newBoardHint'),
        nameLabel: t('workshops.boardName'),
        defaultName: t('workshops.defaultName'),
        create: t('workshops.create'),
      }}
      create={(name) => actions.createBoard(name)}
      onClose={onClose}
    />
  );
}
