// 简体中文 messages of workshop boards: sticky notes, clusters, dot voting, the shared timer,
// facilitation and promoting a cluster to feedback, in the words of GLOSSARY.md. To be merged into zh-CN.ts.
import type { workshopsEn } from './workshops.en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const workshopsZhCN: Widen<typeof workshopsEn> = {
  workshops: {
    newBoard: '新建工作坊',
  },
  errors: {
    voteBudget: '每人可投 1 到 50 票。',
    voteBudgetSpent: '你的 {{max}} 票已全部投出。撤回一票后才能投给别的便签。',
    oneVotePerNote: '本轮投票每张便签只能投一票，你已经投过这张了。',
    votingClosed: '当前没有进行中的投票。',
    minutes: '请输入分钟数，例如 5 或 2.5（最多 240）。',
    noTimer: '请先启动计时器。',
  },
};
