// Creating a meetings board: just its name (it starts empty, with a button to plan a meeting).
import { useTranslation } from 'react-i18next';
import { NameBoardDialog } from '../../../components/dialog/NameBoardDialog';
import { useMeetingActions } from '../actions';

export function NewBoardDialog({ onClose }: { onClose(): void }) {
  const actions = useMeetingActions();
  const { t } = useTranslation();
  return (
    <NameBoardDialog
      words={{
        title: t('meetings.newBoardTitle'),
        nameLabel: t('meetings.boardName'),
        defaultName: t('meetings.defaultName'),
        create: t('meetings.create'),
      }}
      create={(name) => actions.createBoard(name)}
      onClose={onClose}
    />
  );
}
