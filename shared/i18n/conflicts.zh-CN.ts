// 简体中文 messages of offline conflict review and of the “离开期间” summary, in the words of
// GLOSSARY.md. To be merged into zh-CN.ts.
import type { conflictsEn } from './conflicts.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const conflictsZhCN: Widen<typeof conflictsEn> = {
  conflicts: {
    badge_one: '{{count}} 个版本',
    badge_other: '{{count}} 个版本',
    badgeLabel: '离线期间在两台电脑上都被修改：查看各个版本',
    review: '查看冲突（{{count}}）',
    title: '冲突的修改',
    intro: '这些字段在彼此无法同步的电脑上被修改过。请保留一个版本：你的选择会同步给所有人。',
    none: '已没有冲突。',
    fields: { status: '状态', start: '开始', end: '结束', statusOverride: '状态', target: '目标值', title: '标题', statusId: '所在列' },
    ofGoal: '目标“{{title}}”',
    ofKpi: '目标“{{title}}”的关键指标“{{name}}”',
    ofItem: '反馈“{{title}}”',
    onBoard: '位于 {{board}}',
    by: '修改人：{{name}}',
    replaced: '替换了 {{value}}',
    showing: '当前显示',
    keep: '保留此版本',
    keepLabel: '保留 {{name}} 的 {{value}}',
    noStatus: '自动状态',
    someone: '某位成员',
    close: '关闭',
  },
  away: {
    title: '离开期间',
    intro: '自本机上次同步到最新以来，队友做出的修改。',
    dismiss: '知道了',
    more_one: '还有 {{count}} 项修改',
    more_other: '还有 {{count}} 项修改',
    open: '打开',
    kinds: {
      'goal-created': '创建了目标“{{title}}”',
      'goal-status': '将“{{title}}”的状态设为{{value}}',
      'kpi-target': '将“{{title}}”中 {{kpi}} 的目标值改为 {{value}}',
      'check-in': '为“{{title}}”中的 {{kpi}} 提交了进展更新 {{value}}',
      'item-created': '添加了反馈“{{title}}”',
      'item-moved': '将“{{title}}”移到了{{value}}',
      'item-retitled': '将反馈改名为“{{value}}”',
      'item-merged': '将“{{title}}”合并到了另一条反馈',
      'item-linked': '将“{{title}}”关联到了目标',
      comment: '评论了“{{title}}”',
      decision: '记录了决定“{{title}}”',
      'action-assigned': '给你分配了行动项“{{title}}”',
      'notes-added': '添加了 {{value}} 张便签，最新一张是“{{title}}”',
      'cluster-created': '把便签归为一组：“{{title}}”',
      'votes-revealed': '公布了点投票结果',
    },
  },
  errors: {
    conflictGone: '这个版本已不再冲突：已有人做出了选择。',
  },
};
