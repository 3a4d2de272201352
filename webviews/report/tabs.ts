/** An accessible tab list (WAI-ARIA tabs pattern): buttons with roving tabindex, arrow keys, Home/End. */
import { h } from '../shared/dom';

export function tabList<T extends string>(label: string, tabs: readonly { id: T; title: string }[], selected: T, onSelect: (id: T) => void): HTMLElement {
  const buttons = tabs.map((t) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${t.id}`,
        class: 'tab',
        'aria-selected': t.id === selected ? 'true' : 'false',
        'aria-controls': `panel-${t.id}`,
        tabindex: t.id === selected ? 0 : -1,
        onclick: () => onSelect(t.id),
      },
      t.title,
    ),
  );
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' }, ...buttons);
  list.addEventListener('keydown', (e: KeyboardEvent) => {
    const i = buttons.findIndex((b) => b === document.activeElement);
    if (i < 0) return;
    const next = e.key === 'ArrowRight' ? (i + 1) % buttons.length : e.key === 'ArrowLeft' ? (i - 1 + buttons.length) % buttons.length : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    buttons[next].focus();
    onSelect(tabs[next].id);
  });
  return list;
}

/** The panel a tab controls. */
export function tabPanel(id: string, ...children: HTMLElement[]): HTMLElement {
  return h('div', { role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, tabindex: 0, class: 'panel' }, ...children);
}
