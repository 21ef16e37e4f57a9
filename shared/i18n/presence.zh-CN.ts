// 简体中文 messages of presence: who is online, who looks at a board or has a goal or feedback
// item open, and who is editing which field, in the words of GLOSSARY.md. To be merged into zh-CN.ts.
import type { presenceEn } from './presence.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const presenceZhCN: Widen<typeof presenceEn> = {
  presence: {
    online: '当前在线',
    onlineMember: '{{name}} 在线',
    onBoard: '{{name}} 正在查看此看板',
    onBoardList: '正在查看此看板：{{names}}',
    viewing: '{{name}} 正在查看',
    editing: '{{name}} 正在编辑',
    editingField: '{{name}} 正在编辑{{field}}',
    more: '+{{count}}',
    moreLabel_one: '另有 {{count}} 人',
    moreLabel_other: '另有 {{count}} 人',
    fields: {
      title: '标题',
      description: '描述',
      team: '团队',
      owner: '负责人',
      ownerId: '负责人',
      period: '周期',
      parentId: '上级目标',
      confidence: '信心',
      status: '状态',
      statusOverride: '状态',
      channel: '渠道',
      customer: '客户或客群',
      importance: '重要性',
      impact: '影响',
      effort: '投入',
      tags: '标签',
      name: '关键指标名称',
      unit: '单位',
      direction: '方向',
      baseline: '基线',
      target: '目标值',
      value: '进展更新数值',
      date: '进展更新日期',
      note: '进展更新备注',
    },
  },
};
