// The command palette's ranking: what a typed query lists, in what order, and what it leaves out.
import { describe, expect, it } from 'vitest';
import { MAX_MATCHES, rankCommands } from '../../renderer/src/components/palette/rank';

type Command = { group: 'boards' | 'create' | 'workspace' | 'entities'; label: string; keywords: string[] };
const command = (group: Command['group'], label: string, keywords: string[] = [label]): Command => ({ group, label, keywords });

const COMMANDS: Command[] = [
  command('workspace', 'Show keyboard shortcuts', ['Show keyboard shortcuts', '显示键盘快捷键']),
  command('workspace', 'Back up this workspace', ['Back up this workspace', '备份此工作区']),
  command('create', 'New workshop', ['New workshop', '新建工作坊']),
  command('create', 'New feedback', ['New feedback', '新建反馈']),
  command('entities', 'Weekly digest email'),
  command('entities', 'Grow weekly active users'),
  command('entities', 'Onboarding is confusing'),
  command('boards', 'Goals', ['Goals', '目标']),
];

const labels = (query: string) => rankCommands(COMMANDS, query).map((c) => c.label);

describe('rankCommands', () => {
  it('lists what a person would call a match, best first, and not letters scattered through other words', () => {
    expect(labels('week')).toEqual(['Weekly digest email', 'Grow weekly active users']);
  });

  it('still finds a name by a typo-free abbreviation, an initialism or the other language', () => {
    expect(labels('onbrd')).toEqual(['Onboarding is confusing']);
    expect(labels('gwau')).toEqual(['Grow weekly active users']);
    expect(labels('目标')).toEqual(['Goals']);
    expect(labels('备份')).toEqual(['Back up this workspace']);
  });

  it('never matches letters across two names of one command', () => {
    // "cuts显" exists only where the English and the Chinese name would be joined.
    expect(labels('cuts显')).toEqual([]);
  });

  it('lists every command but goals and items, in their groups, while nothing is typed', () => {
    expect(labels('  ')).toEqual(['Show keyboard shortcuts', 'Back up this workspace', 'New workshop', 'New feedback', 'Goals']);
  });

  it(`lists at most ${MAX_MATCHES} matches`, () => {
    const many = Array.from({ length: 80 }, (_, i) => command('entities', `Item ${i}`));
    expect(rankCommands(many, 'item')).toHaveLength(MAX_MATCHES);
  });
});
