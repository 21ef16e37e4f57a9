// 仅保存在本浏览器中的编辑的简体中文文案：中枢不在时的提示、保存为文件、在别处导入该文件，
// 以及拒绝文件的原因。之后并入 zh-CN.ts。
import type { UnsyncedCatalogue } from './unsynced.en';

export const unsyncedZhCN: UnsyncedCatalogue = {
  unsynced: {
    title: '仅保存在本浏览器中的编辑',
    waiting_one: '有 {{count}} 处编辑仅保存在本浏览器中。',
    waiting_other: '有 {{count}} 处编辑仅保存在本浏览器中。',
    waitingHint: '请保持此标签页打开：中枢在此地址恢复后，它会自动重新连接并发送这些编辑。在中枢收到之前，这里不会删除任何内容。',
    save: '将未同步的编辑保存为文件',
    saving: '正在保存…',
    saved: '已保存到 {{fileName}}。如果中枢换了地址，请在新地址打开 Tandem，并选择“导入未同步的编辑”。',
    import: '导入未同步的编辑…',
    importTitle: '导入未同步的编辑',
    importIntro: '请选择浏览器标签页通过“将未同步的编辑保存为文件”生成的文件。Tandem 会先检查整个文件，再把其中的编辑合并到此工作区；这里的内容不会丢失。',
    file: '文件',
    checking: '正在检查文件…',
    importing: '正在合并编辑…',
    imported: '文件中的编辑已合并到“{{name}}”。',
    close: '关闭',
    cancel: '取消',
  },
  errors: {
    unsyncedNotAFile: '这不是未同步编辑的文件：请选择“将未同步的编辑保存为文件”生成的 .tandem 文件。未做任何更改。',
    unsyncedDamaged: '此未同步编辑文件已损坏或不完整：其校验和与 Tandem 写入时不符，因此未导入任何内容，也未做任何更改。',
    unsyncedOtherWorkspace: '此文件包含另一个工作区“{{name}}”的编辑，不能导入到当前工作区。未做任何更改。',
    unsyncedNothing: '当前没有打开的工作区，无法保存其编辑。',
  },
};
