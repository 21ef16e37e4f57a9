// 简体中文 messages of the keyboard shortcut sheet ("?"), key for key with shortcuts.en.ts.
// Merged into zh-CN.ts.
export const shortcutsZhCN = {
  shortcuts: {
    open: '键盘快捷键',
    title: '键盘快捷键',
    intro: '在文本框以外的任何地方按 ? 可再次查看此列表。',
    or: '或',
    groups: { everywhere: '任何地方', goals: '目标看板', feedback: '反馈看板', search: '搜索' },
    actions: {
      sheet: '显示这些快捷键',
      palette: '打开命令面板：前往看板、新建、切换语言、备份…',
      undo: '撤销我的上一次编辑',
      redo: '重做',
      move: '移到下一个或上一个控件',
      close: '关闭对话框或面板；焦点回到打开它的位置',
      openCard: '打开当前聚焦的目标或卡片',
      moveGoal: '将当前目标上移或下移',
      views: '切换视图（在视图标签上）',
      moveCard: '将当前卡片移到上一列或下一列',
      moveCardInColumn: '在本列内移动当前卡片（看板顺序）',
      scrollColumns: '左右滚动各列（在看板各列上）',
      comment: '发表正在写的评论',
      searchResults: '在结果中上下选择',
      searchOpen: '打开所选结果',
    },
  },
};
