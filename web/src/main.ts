// The dashboard shell: hash routes, navigation, language switch, token form, errors shown in the page.
import { ApiError, getToken, setToken, takeTokenFromUrl } from './api.js';
import { h } from './dom.js';
import { currentLang, setLang, t, type Key } from './i18n.js';
import { overviewPage } from './pages/overview.js';
import { productPage, productsPage } from './pages/products.js';
import { reviewPage } from './pages/review.js';
import { customersPage, personPage } from './pages/customers.js';
import { alertsPage } from './pages/alerts.js';
import { qualityPage, rowPage } from './pages/quality.js';

const NAV: [string, Key][] = [['overview', 'overview'], ['products', 'products'], ['review', 'review'], ['customers', 'customers'], ['alerts', 'alerts'], ['quality', 'quality']];

function tokenForm(message?: string): Node {
  const input = h('input', { type: 'password', id: 'token-input', placeholder: t('token') });
  return h('form', { class: 'card', onsubmit: (e: Event) => {
    e.preventDefault();
    setToken(input.value.trim());
    void render();
  } }, message ? h('p', { class: 'error' }, message) : null, h('p', {}, t('tokenPrompt')), input, ' ', h('button', { class: 'primary', type: 'submit' }, t('save')));
}

function page(path: string, params: URLSearchParams): Promise<Node> {
  const [name, ...rest] = path.split('/').filter(Boolean);
  switch (name) {
    case 'products': return productsPage(params);
    case 'product': return productPage(decodeURIComponent(rest.join('/')));
    case 'review': return reviewPage(() => void render());
    case 'customers': return customersPage();
    case 'person': return personPage(decodeURIComponent(rest.join('/')));
    case 'alerts': return alertsPage();
    case 'quality': return qualityPage(params);
    case 'row': return rowPage(rest[0] ?? '', rest[1] ?? '');
    default: return overviewPage();
  }
}

let generation = 0;

async function render(): Promise<void> {
  const mine = ++generation;
  const [path = '/overview', query = ''] = location.hash.replace(/^#/, '').split('?');
  const section = path.split('/').filter(Boolean)[0] ?? 'overview';
  const nav = document.getElementById('nav')!;
  const links: Node[] = NAV.map(([id, key]) => h('a', { href: `#/${id}`, class: section === id || (id === 'products' && section === 'product') || (id === 'quality' && section === 'row') || (id === 'customers' && section === 'person') ? 'active' : undefined }, t(key)));
  if (getToken()) links.push(h('a', { href: '#', id: 'sign-out', onclick: (e: Event) => { e.preventDefault(); setToken(null); void render(); } }, t('signOut')));
  nav.replaceChildren(...links);
  document.getElementById('lang')!.textContent = t('switchLang');
  const app = document.getElementById('app')!;
  if (!getToken()) {
    app.replaceChildren(tokenForm());
    return;
  }
  app.replaceChildren(h('p', { class: 'muted' }, t('loading')));
  try {
    const node = await page(path, new URLSearchParams(query));
    if (mine === generation) app.replaceChildren(node);
  } catch (e) {
    if (mine !== generation) return;
    if (e instanceof ApiError && e.status === 401) app.replaceChildren(tokenForm(e.message));
    else app.replaceChildren(h('p', { class: 'error', id: 'page-error' }, e instanceof ApiError ? `${e.message}${e.hint ? ` — ${e.hint}` : ''}` : String(e)));
  }
}

takeTokenFromUrl();
setLang(currentLang());
document.getElementById('lang')!.addEventListener('click', () => {
  setLang(currentLang() === 'en' ? 'zh' : 'en');
  void render();
});
window.addEventListener('hashchange', () => {
  takeTokenFromUrl();
  void render();
});
void render();
