// 简体中文 message catalogue: the same keys as en.ts, in the words of GLOSSARY.md.
import { backupZhCN } from './backup.zh-CN';
import type { Catalogue } from './en';
import { conflictsZhCN } from './conflicts.zh-CN';
import { feedbackZhCN } from './feedback.zh-CN';
import { networkZhCN } from './network.zh-CN';
import { presenceZhCN } from './presence.zh-CN';
import { meetingsZhCN } from './meetings.zh-CN';
import { relayZhCN } from './relay.zh-CN';
import { shortcutsZhCN } from './shortcuts.zh-CN';
import { paletteZhCN } from './palette.zh-CN';
import { settingsZhCN } from './settings.zh-CN';
import { unsyncedZhCN } from './unsynced.zh-CN';
import { workshopsZhCN } from './workshops.zh-CN';
import { plansZhCN } from './plans.zh-CN';

/** The core screens; the feedback boards, backup and network keep their messages in their own files. */
type CoreCatalogue = Omit<Catalogue, 'conflicts' | 'away' | keyof typeof meetingsZhCN | keyof typeof feedbackZhCN | keyof typeof networkZhCN | keyof typeof presenceZhCN | 'backup' | 'unsynced' | 'relay' | 'shortcuts' | 'workshops' | 'plans' | keyof typeof paletteZhCN | keyof typeof settingsZhCN> & {
  errors: Omit<Catalogue['errors'], keyof (typeof conflictsZhCN)['errors'] | keyof (typeof backupZhCN)['errors'] | keyof (typeof feedbackZhCN)['errors'] | keyof (typeof networkZhCN)['errors'] | keyof (typeof unsyncedZhCN)['errors'] | keyof (typeof relayZhCN)['errors'] | keyof (typeof meetingsZhCN)['errors'] | keyof (typeof workshopsZhCN)['errors'] | keyof (typeof plansZhCN)['errors']>;
};

const core: CoreCatalogue = {
  app: {
    name: 'Tandem',
    loading: '正在打开 Tandem…',
    skipToContent: '跳到主要内容',
    noPeerTitle: 'Tandem 连不上本机的对等设备服务',
    noPeerHint: '浏览器模式下，请打开中枢最近一次启动时打印的完整地址——除非用 --new-token 或其他 --port 启动，中枢重启后地址保持不变。桌面应用中，请重新启动 Tandem。',
    retrying: '正在重试…',
  },
  firstRun: {
    title: '欢迎使用 Tandem',
    intro: 'Tandem 把产品团队和运营团队共同的目标与反馈保存在本机，并与附近的同事同步。先告诉我们你是谁。',
    yourName: '你的名字',
    yourTeam: '你的团队',
    workspaceName: '工作区名称',
    workspacePlaceholder: '例如：增长小组',
    create: '创建工作区',
    creating: '正在创建…',
    needsPeer: 'Tandem 还连不上本机的对等设备服务，暂时无法创建工作区。正在等待…',
    defaultGoalsBoard: '目标',
  },
  team: { product: '产品团队', operations: '运营团队', shared: '共同' },
  teamShort: { product: '产品', operations: '运营', shared: '共同' },
  sidebar: { boards: '看板', members: '成员', you: '{{name}}（你）', language: '语言', newerBoard: '— 需要更新版本的 Tandem', newerBoardHint: '队友用更新版本的 Tandem 创建了这个看板。更新 Tandem 后即可打开；在此之前它会原样保留。' },
  status: { 'on-track': '正常', 'at-risk': '有风险', 'off-track': '偏离', none: '尚无进展更新', suggested: '建议：{{status}}', auto: '自动（{{status}}）' },
  save: {
    connecting: '正在连接本机对等设备服务…',
    saving: '正在保存…',
    saved: '已保存在本机',
    offlineSaved: '离线 — 已保存在此浏览器',
    offlineSaving: '离线 — 正在保存到此浏览器…',
    error: '未保存：本机对等设备服务无法写入磁盘',
    diskFull: '磁盘已满 — 修改保留在此窗口中',
    diskFullHint: '本机磁盘已满。你的修改保留在此窗口中，腾出空间后会自动保存。',
    offlineError: '离线 — 未保存：此浏览器无法保存你的修改（磁盘是否已满？）。正在重试…',
    offlineHint: '本机对等设备服务没有运行。你的修改保存在此浏览器中，服务恢复后会自动同步过去。',
  },
  goals: {
    title: '目标',
    newGoal: '新建目标',
    empty: '还没有目标。添加产品团队和运营团队将共同跟踪的第一个目标，例如“提升周活跃用户数”。',
    addFirst: '添加第一个目标',
    emptyFiltered: '没有符合这些筛选条件的目标。',
    clearFilters: '清除筛选',
    progress: '进度',
    progressValue: '{{value}}%',
    noProgress: '暂无数据',
    owner: '负责人',
    noOwner: '无负责人',
    kpiCount_one: '{{count}} 个关键指标',
    kpiCount_other: '{{count}} 个关键指标',
    confidence: '信心',
    moveUp: '上移',
    moveDown: '下移',
    dragHandle: '调整“{{title}}”的顺序',
    reorderHint: '按 Alt+↑ 或 Alt+↓ 移动目标。',
    deleted: '已删除目标“{{title}}”',
    undo: '撤销',
    open: '打开“{{title}}”',
    trend: '{{name}} 的趋势',
  },
  filters: { label: '筛选', team: '团队', owner: '负责人', period: '周期', status: '状态', all: '全部' },
  period: { quarter: '季度', month: '月', custom: '自定义', quarterLabel: '{{year}}年第{{quarter}}季度', monthLabel: '{{month}}', range: '{{start}} – {{end}}', year: '年份', start: '开始', end: '结束' },
  goalForm: {
    createTitle: '新建目标', editTitle: '编辑目标', title: '标题', titlePlaceholder: '例如：提升周活跃用户数', description: '描述', team: '团队', owner: '负责人',
    period: '周期', parent: '上级目标', noParent: '无（顶层目标）', status: '状态', confidence: '信心（%）', save: '保存', create: '创建目标', cancel: '取消',
  },
  detail: {
    close: '关闭', edit: '编辑', delete: '删除目标', kpis: '关键指标 (KPI)', noKpis: '还没有关键指标。添加一个可衡量的数字——用户增长、留存率、收入——以便跟踪进度。',
    addKpi: '添加关键指标', baseline: '基线', target: '目标值', current: '当前值', direction: '方向', increase: '提升', decrease: '降低', unit: '单位',
    checkIns: '进展更新', noCheckIns: '还没有进展更新。', checkIn: '更新进展', value: '数值', date: '日期', note: '备注', add: '添加', by: '由 {{name}} 更新', deleteKpi: '删除关键指标', editKpi: '编辑关键指标 {{name}}', saveKpi: '保存关键指标',
    chartTarget: '目标值', chartMarkers: '图表上的标记', chartEmpty: '第一次进展更新后会显示趋势。', created: '创建于 {{date}}', kpiName: '指标名称', kpiNamePlaceholder: '例如：周活跃用户数',
    sameDay: '同一天有多条进展更新',
  },
  units: { number: '数字', percent: '%', currency: '金额', boolean: '是 / 否' },
  yesNo: { yes: '是', no: '否' },
  undo: { undo: '撤销', redo: '重做', nothing: '没有可撤销的操作' },
  notices: {
    'store-recovered': '本机保存的某个看板副本已损坏。Tandem 已载入所有可读取的内容，并把损坏部分另存到 {{detail}}。此浏览器中仍保留的内容正在重新保存。',
    'store-write-failed': 'Tandem 无法写入磁盘：{{detail}}。你的修改仍保存在此浏览器中；请检查磁盘空间。',
    dismiss: '关闭',
    idbRecovered: '此浏览器中某个看板的缓存无法打开，已从本机对等设备服务重新载入。',
  },
  errors: {
    required: '此项为必填项。',
    tooLong: '请控制在 {{max}} 个字符以内。',
    notANumber: '请输入数字，例如 1200 或 3.5。',
    invalidDate: '请输入有效的日期。',
    invalid: '该值无效。',
    notFound: '该内容已不存在——可能已被同事删除。',
    periodOrder: '周期的结束日期不能早于开始日期。',
    parentCycle: '目标不能放在自己或自己的子目标之下。',
    range: '请输入 0 到 {{max}} 之间的数值。',
    booleanValue: '是/否类指标只能填 1（是）或 0（否）。',
    targetEqualsBaseline: '目标值必须与基线不同。',
    targetBelowBaseline: '对于需要提升的指标，目标值必须高于基线。',
    targetAboveBaseline: '对于需要降低的指标，目标值必须低于基线。',
    schemaTooNew: '此看板由更新版本的 Tandem 保存，此处只能查看。请升级 Tandem 后再编辑。',
    internal: '本机对等设备服务出错，你的修改没有生效。',
    offline: '此操作需要本机对等设备服务，但它现在无法连接。',
    importance: '请选择 1（锦上添花）、2（重要）或 3（关键）。',
    scale: '请输入 1 到 5 之间的整数。',
    tooMany: '最多 {{max}} 项。',
    itemMerged: '此反馈已合并到另一条反馈，请改为打开那一条。',
    mergeSelf: '请选择另一条反馈：反馈不能合并到自身。',
    notMerged: '此反馈没有合并到其他反馈。',
    mergedStatus: '请使用“合并重复项”把反馈移入“已合并”。',
    statusRequired: '看板需要一个“已合并”状态和至少一个其他状态，因此无法删除此状态。',
    statusInUse: '请先把此状态下的反馈移到其他状态（还剩 {{count}} 条）。',
    channelInUse: '请先为使用此渠道的反馈更换渠道（还剩 {{count}} 条）。',
    notAuthor: '只有评论作者本人可以编辑或删除此评论。',
    commentDeleted: '此评论已被删除。',
    parentComment: '回复只能针对同一条反馈下的评论。',
    inviteEmpty: '请粘贴或输入邀请码。',
    inviteNotTandem: '这不是 Tandem 邀请码。邀请码以 TANDEM1- 开头。',
    inviteVersion: '此邀请码由更新版本的 Tandem 生成。请升级 Tandem 后再加入。',
    inviteCharacter: '邀请码中不能有“{{char}}”。请逐个字符核对。',
    inviteChecksum: '此邀请码有输入错误或缺少部分。请逐个字符核对，或请同事重新发送。',
    inviteMalformed: '此邀请码已损坏。请同事重新发送一个。',
    inviteAddress: '“{{address}}”不是有效地址。请使用 主机:端口 的形式，例如 192.168.1.20:4100。',
    inviteTooManyAddresses: '一个邀请码最多只能带 {{max}} 个地址。',
    inviteRelay: '此邀请码中的中继地址无法使用（{{address}}）。请向对方索取新的邀请码。',
    joinOtherWorkspace: '这台电脑已有另一个工作区。请先离开它，再加入其他工作区。',
  },
  readOnly: '只读：此工作区由更新版本的 Tandem 保存（架构版本 {{version}}）。',
  language: { en: 'English', 'zh-CN': '简体中文' },
};

export const zhCN: Catalogue = {
  ...core,
  ...feedbackZhCN,
  ...presenceZhCN,
  meetings: meetingsZhCN.meetings,
  minutes: meetingsZhCN.minutes,
  backup: backupZhCN.backup,
  sync: networkZhCN.sync,
  invite: networkZhCN.invite,
  join: networkZhCN.join,
  leave: networkZhCN.leave,
  reach: networkZhCN.reach,
  network: networkZhCN.network,
  conflicts: conflictsZhCN.conflicts,
  away: conflictsZhCN.away,
  unsynced: unsyncedZhCN.unsynced,
  workshops: workshopsZhCN.workshops,
  plans: plansZhCN.plans,
  relay: relayZhCN.relay,
  shortcuts: shortcutsZhCN.shortcuts,
  ...paletteZhCN,
  ...settingsZhCN,
  errors: { ...relayZhCN.errors, ...core.errors, ...conflictsZhCN.errors, ...backupZhCN.errors, ...unsyncedZhCN.errors, ...feedbackZhCN.errors, ...networkZhCN.errors, ...meetingsZhCN.errors, ...workshopsZhCN.errors, ...plansZhCN.errors },
};
