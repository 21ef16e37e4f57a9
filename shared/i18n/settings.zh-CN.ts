// 简体中文 messages of the Settings view, the calm status, built-in board names, the short goal
// form and the off-track reason, key for key with settings.en.ts. Merged into zh-CN.ts.
import type { settingsEn } from './settings.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const settingsZhCN: Widen<typeof settingsEn> = {
  settings: {
    open: '设置',
    title: '设置',
    language: '语言',
    languageHint: 'Tandem 在这台电脑上的文字和日期格式跟随此选择。',
    backup: '备份与恢复',
    backupHint: '把整个工作区保存为一个文件，或从文件恢复。',
    network: '网络与中继',
    networkHint: '这台电脑如何找到附近的队友，以及供其他地点队友使用的公司中继。',
    workspace: '工作区',
    sample: '示例数据',
    sampleHint: '用来试用 Tandem 的目标和反馈看板，标记为示例，一步即可移除。',
    workspaceHint: '离开会从这台电脑上移除此工作区；队友仍保留各自的副本。',
  },
  calm: {
    alone: '仅在这台电脑上',
    aloneHint: '你创建的一切都已保存在本机。在你邀请队友之前，其他人看不到。',
    offlineMeaning: '已保存在本机；能连上队友时自动同步',
  },
  builtInBoards: { goals: '目标' },
  goalShort: {
    kpiLegend: '第一个关键指标 (KPI)',
    kpiName: '关键指标名称',
    kpiUnit: '单位',
    kpiTarget: '目标值',
    kpiHint: '可选：用来衡量进展的数字。基线从 0 开始，之后可以修改。',
    moreOptions: '更多选项',
    moreOptionsHint: '团队、周期、上级目标、信心',
  },
  offTrack: {
    behind: '落后于预期进度：周期已过 {{elapsed}}%，只完成目标值的 {{progress}}%',
    onPace: '周期已过 {{elapsed}}%，已完成目标值的 {{progress}}%',
    setByHand: '手动设置',
  },
};
