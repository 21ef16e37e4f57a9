// The meetings board's styles: its two-pane layout, agenda rows, overdue marks, and the print
// stylesheet that makes the minutes the only thing printed. Rendered by the board view itself,
// so the kind stays one folder (no edit of the app's shared stylesheet).
export const MEETINGS_CSS = `
.meetings-board { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 16px; align-items: start; }
.meeting-list h3 { margin: 12px 0 4px; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; }
.meeting-list { padding: 8px; }
.meeting-list ul { list-style: none; margin: 0; padding: 0; }
.meeting-list .board-link { color: var(--text); }
.meeting-list .board-link:hover { background: var(--bg); }
.meeting-list .board-link.active { background: var(--info-bg); font-weight: 600; }
.meeting-page { padding: 16px 20px; }
.agenda-list { padding-left: 1.5em; }
.agenda-topic { flex: 1 1 16em; }
.agenda-list li, .action-items li, .decision-list li { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0; }
.time-box { width: 4.5em; }
.meeting-notes { width: 100%; font: inherit; }
.inline-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin-top: 6px; }
.action-items li.overdue .action-title { color: var(--danger, #dc2626); }
.action-items li.done .action-title { text-decoration: line-through; }
.badge.danger { color: var(--danger, #dc2626); font-weight: 600; }
.chip { border: 1px solid var(--grid, #ccc); border-radius: 999px; padding: 0 8px; font-size: 0.85em; }
.minutes-print { display: none; }
@media print {
  body * { visibility: hidden; }
  .minutes-print, .minutes-print * { visibility: visible; }
  .minutes-print { display: block; position: absolute; inset: 0 auto auto 0; width: 100%; }
  .minutes-notes { white-space: pre-wrap; }
  .minutes-print table { border-collapse: collapse; }
  .minutes-print td, .minutes-print th { border: 1px solid #999; padding: 2px 6px; }
}
.meetings-board .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
