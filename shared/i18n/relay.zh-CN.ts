// 网络视图中公司中继的简体中文文案：状态、每种拒绝对用户意味着什么，以及添加、更换或移除中继。
// 之后并入 zh-CN.ts。
import type { RelayCatalogue } from './relay.en';

export const relayZhCN: RelayCatalogue = {
  relay: {
    title: '公司中继',
    intro: '中继让其他办公室或在家的电脑也能与这台电脑同步。所有内容都先在这台电脑上加密：中继看不到你的看板、名字或文字。',
    none: '尚未设置中继。队友只在本办公室的网络内同步。',
    address: '中继地址',
    addressHint: '中继有多个节点？请填写每个节点的地址，用逗号分隔，将依次尝试。此后你发出的邀请码也会带上中继地址。',
    nodes: '节点（依次尝试）：{{urls}}',
    placeholder: 'wss://relay.example.com',
    add: '使用此中继',
    change: '更换中继',
    remove: '停止使用中继',
    removed: '这台电脑不再通过中继同步。',
    saved: '这台电脑现在通过 {{url}} 同步。',
    connected: '已连接到 {{url}}',
    connecting: '正在尝试连接 {{url}}…… 你的编辑保存在这里，连上后发送。',
    lastExchange: '上次交换：{{time}}',
    docsPending_one: '还有 {{count}} 个看板正在与中继同步。',
    docsPending_other: '还有 {{count}} 个看板正在与中继同步。',
    diskFull: '中继服务器的磁盘已满。你的更改安全地保存在这台电脑上，中继运行期间仍会转发给队友；运维人员释放空间后它会保存这些更改。',
    refusedBlobs_one: '拒绝了来自中继的 {{count}} 份数据：它不是用本工作区的密钥封装的。没有任何改动。',
    refusedBlobs_other: '拒绝了来自中继的 {{count}} 份数据：它们不是用本工作区的密钥封装的。没有任何改动。',
    refusal: {
      'relay-protocol': '该中继运行的是另一版本的 Tandem 中继。请让维护者更新它，或更新 Tandem。',
      'relay-token': '该中继不接受本工作区的密钥。如果工作区密钥已更换，每个人都需要新的邀请。',
      'relay-not-served': '该中继不服务于本工作区。请让维护者添加本工作区（见 docs/relay.md）。',
    },
  },
  errors: {
    relayAddress: '“{{address}}”不是中继地址。每个地址以 wss:// 开头（在可信网络中也可以是 ws://），例如 wss://relay.example.com；最多四个，用逗号分隔。',
  },
};
