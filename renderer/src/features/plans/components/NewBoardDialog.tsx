// Creating a plan board: just its name (it starts empty, with a button to add the first item).
import { useTranslation } from 'react-i18next';
import { NameBoardDialog } from '../../../components/dialog/NameBoardDialog';
import { usePlanActions } from '../actions';

export function NewBoardDialog({ onClose }: { onClose(): void }) {
  const actions = usePlanActions();
  const { t } = useTranslation();
  return (
    <NameBoardDialog
      words={{
        title: t('plans.newBoardTitle'),
        hint: t('plans.newBoardHint'),
        nameLabel: t('plans.boardName'),
        defaultName: t('plans.defaultName'),
        create: t('plans.create'),
      }}
      create={(name) => actions.createBoard(name)}
      onClose={onClose}
    />
  );
}
