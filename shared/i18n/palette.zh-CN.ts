// 简体中文 messages of the command palette and of the sample workspace, key for key with
// palette.en.ts. Merged into zh-CN.ts.
import type { paletteEn } from './palette.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends number ? number : T[K] extends null ? null : Widen<T[K]> };

export const paletteZhCN: Widen<typeof paletteEn> = {
  palette: {
    title: '命令面板',
    open: '打开命令面板',
    placeholder: '输入命令，或看板、目标、反馈的名称…',
    empty: '没有匹配项。',
    groups: { boards: '前往看板', create: '新建', workspace: '工作区' },
    goTo: '前往 {{name}}',
    newGoal: '新建目标',
    newFeedback: '新建反馈',
    newBoardOf: '{{label}}',
    language: '切换语言为 {{language}}',
    settings: '打开设置',
    backUp: '备份此工作区',
    shortcuts: '显示键盘快捷键',
    sample: '加载示例数据',
    removeSample: '移除示例数据',
    invite: '邀请队友',
  },
  sample: {
    offer: '第一次使用？用一小份示例试试 Tandem：带关键指标 (KPI) 和进展更新的目标，以及与之关联的反馈看板。',
    try: '使用示例数据试用',
    adding: '正在添加示例数据…',
    added: '已添加示例数据：{{goals}} 个目标，以及一个含 {{items}} 条反馈的反馈看板。',
    removed: '已移除示例数据。',
    remove: '移除示例数据',
    notice: '此看板含有示例数据。移除后，示例目标和示例反馈看板会被移走，你自己创建的内容都会保留。',
    failed: '无法添加示例数据：{{error}}',
    content: {
      feedbackBoard: '用户反馈（示例）',
      goals: [
        {
          title: '提升每周活跃团队数',
          description: '更多团队在创建第一个看板后每周都回来使用。',
          team: 'product',
          kpi: { name: '每周活跃团队', unit: 'number', baseline: 120, target: 200, values: [124, 131, 138, 149, 156] },
          notes: ['新引导流程上线第一周', '', '邀请提醒已发布', '', '网络研讨会后保持稳定'],
        },
        {
          title: '留住首月之后的新客户',
          description: '运营团队和产品团队一起提升 30 天留存率。',
          team: 'shared',
          kpi: { name: '30 天留存率', unit: 'percent', baseline: 62, target: 75, values: [62, 63, 63, 64, 64] },
          notes: ['上季度的基线', '', '客服手册已更新', '', '比预期慢'],
        },
        {
          title: '一天内回复客服工单',
          description: '工作日首次回复的中位时间低于 24 小时。',
          team: 'operations',
          kpi: { name: '首次回复中位时间（小时）', unit: 'number', direction: 'decrease', baseline: 40, target: 24, values: [38, 33, 29, 27, 25] },
          notes: ['开始排班', '', '账单问题的快捷回复', '', '快达标了'],
        },
      ],
    },
  },
};
