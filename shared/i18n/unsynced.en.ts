// English messages of edits kept only in this browser: the notice while the hub is away, saving
// them to a file, importing that file elsewhere, and why a file is refused. Merged into en.ts.
export const unsyncedEn = {
  unsynced: {
    title: 'Edits kept only in this browser',
    waiting_one: '{{count}} edit is kept only in this browser.',
    waiting_other: '{{count}} edits are kept only in this browser.',
    waitingHint: 'Keep this tab open: it reconnects by itself when the hub is back at this address, and sends them. Nothing here is deleted until the hub has them.',
    save: 'Save my unsynced edits to a file',
    saving: 'Saving…',
    saved: 'Saved to {{fileName}}. If the hub comes back at another address, open it there and choose “Import unsynced edits”.',
    import: 'Import unsynced edits…',
    importTitle: 'Import unsynced edits',
    importIntro: 'Choose the file a browser tab saved with “Save my unsynced edits to a file”. Tandem checks the whole file first, then merges the edits into this workspace; nothing here is lost.',
    file: 'File',
    checking: 'Checking the file…',
    importing: 'Merging the edits…',
    imported: 'The edits from the file were merged into “{{name}}”.',
    close: 'Close',
    cancel: 'Cancel',
  },
  errors: {
    unsyncedNotAFile: 'This is not a file of unsynced edits: choose the .tandem file that “Save my unsynced edits to a file” made. Nothing was changed.',
    unsyncedDamaged: 'This file of unsynced edits is damaged or incomplete: its checksum does not match what Tandem wrote, so nothing was imported and nothing was changed.',
    unsyncedOtherWorkspace: 'This file holds edits of another workspace, “{{name}}”, so it cannot be imported into this one. Nothing was changed.',
    unsyncedNothing: 'There is no workspace open to save edits of.',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every language's unsynced-edit messages have exactly the English keys. */
export type UnsyncedCatalogue = Widen<typeof unsyncedEn>;
