// The meetings boards' actions: each goes through the shared mutations on the board on screen
// (or the workspace doc, for a new board), is one undo step of its own (notes typing is grouped
// by the undo manager's capture window), and returns an ActionResult the calling control shows.
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { SCHEMA_VERSION } from '../../../../shared/model/doc';
import {
  addActionItem, addAgendaItem, addAgendaItems, addDecision, createMeeting, deleteMeeting, editNotes, initMeetingsBoard, linkDecision, moveAgendaItem, removeActionItem,
  removeAgendaItem, removeDecision, saveAgendaAsTemplate, setActionItemDone, setAttendee, startNextMeeting, unlinkDecision, updateAgendaItem, updateMeeting,
  type CreateMeetingInput, type LinkInput, type UpdateMeetingInput,
} from '../../../../shared/model/meetings';
import { useRuntime } from '../../context';
import { attempt, type ActionResult, type Runtime } from '../../runtime';

type AgendaFields = { title: string; ownerId?: string | null; minutes: number; link?: LinkInput | null };

export function createMeetingActions(runtime: Runtime) {
  const me = () => runtime.store.getState().identity?.memberId ?? 'unknown';
  const onBoard = <T>(fn: (doc: Y.Doc) => T): ActionResult<T> => runtime.editBoard(fn);
  const select = (meetingId: string | null) => runtime.store.setState({ selectedItemId: meetingId });
  return {
    createBoard: (name: string): Promise<ActionResult<string>> => runtime.createBoard('meetings', name, (doc) => initMeetingsBoard(doc, SCHEMA_VERSION)),
    /** The meeting the board shows (the store's selected entity of the board on screen). */
    select,
    create: (input: Omit<CreateMeetingInput, 'createdBy'>) =>
      onBoard((doc) => {
        const id = createMeeting(doc, { ...input, createdBy: me() });
        select(id);
        return id;
      }),
    update: (input: UpdateMeetingInput) => onBoard((doc) => updateMeeting(doc, input)),
    remove: (meetingId: string, title: string) =>
      onBoard((doc) => {
        deleteMeeting(doc, { id: meetingId });
        runtime.store.setState({ selectedItemId: null, toast: { id: Date.now(), messageKey: 'meetings.deleted', params: { title }, undoable: true } });
      }),
    setAttendee: (meetingId: string, memberId: string, present: boolean) => onBoard((doc) => setAttendee(doc, { meetingId, memberId, present })),
    /** Typing in the notes: not cut into one undo step per keystroke. */
    editNotes: (meetingId: string, text: string) => attempt(() => editNotes(runtime.requireBoard().doc, { meetingId, text })),
    addTopic: (meetingId: string, fields: AgendaFields) => onBoard((doc) => addAgendaItem(doc, { meetingId, ...fields })),
    addTopics: (meetingId: string, items: AgendaFields[]) => onBoard((doc) => addAgendaItems(doc, { meetingId, items })),
    updateTopic: (id: string, patch: { title?: string; ownerId?: string | null; minutes?: number }) => onBoard((doc) => updateAgendaItem(doc, { id, ...patch })),
    moveTopic: (id: string, toIndex: number) => onBoard((doc) => moveAgendaItem(doc, { id, toIndex })),
    removeTopic: (id: string) => onBoard((doc) => removeAgendaItem(doc, { id })),
    saveTemplate: (meetingId: string) => onBoard((doc) => saveAgendaAsTemplate(doc, { meetingId })),
    decide: (meetingId: string, text: string, by: string, links: LinkInput[]) => onBoard((doc) => addDecision(doc, { meetingId, text, by, links })),
    link: (decisionId: string, link: LinkInput) => onBoard((doc) => linkDecision(doc, { decisionId, link })),
    unlink: (decisionId: string, link: LinkInput) => onBoard((doc) => unlinkDecision(doc, { decisionId, link })),
    removeDecision: (id: string) => onBoard((doc) => removeDecision(doc, { id })),
    addActionItem: (meetingId: string, fields: { title: string; ownerId: string | null; due: string | null; link: LinkInput | null }) =>
      onBoard((doc) => addActionItem(doc, { meetingId, ...fields, createdBy: me() })),
    setDone: (id: string, done: boolean) => onBoard((doc) => setActionItemDone(doc, { id, done })),
    /** Ticks an item on another meetings board ("My action items"), one undo step on that board. */
    setDoneOn: (boardId: string, id: string, done: boolean) =>
      attempt(() => {
        const board = runtime.boards.get(boardId);
        if (!board) throw new Error('board not open');
        board.undo.stopCapturing();
        setActionItemDone(board.doc, { id, done });
      }),
    removeActionItem: (id: string) => onBoard((doc) => removeActionItem(doc, { id })),
    startNext: (seriesId: string) =>
      onBoard((doc) => {
        const id = startNextMeeting(doc, { seriesId, createdBy: me() });
        select(id);
        return id;
      }),
  };
}

export type MeetingActions = ReturnType<typeof createMeetingActions>;

export function useMeetingActions(): MeetingActions {
  const runtime = useRuntime();
  return useMemo(() => createMeetingActions(runtime), [runtime]);
}
