// A tiny element builder: h('td', {class: 'num'}, text) — enough for a dashboard without a framework.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
  return el;
}

export function table<T>(columns: { label: string; value: (row: T) => Child | Child[]; num?: boolean }[], rows: T[], onRow?: (row: T) => void): HTMLTableElement {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : undefined }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', { class: onRow ? 'clickable' : undefined, onclick: onRow ? () => onRow(r) : undefined },
      columns.map((c) => h('td', { class: c.num ? 'num' : undefined }, c.value(r)))))),
  );
}
