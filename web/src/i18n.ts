// English and Simplified Chinese; the choice is kept in localStorage and switchable from the header.
const en = {
  overview: 'Overview', products: 'Products', review: 'Match review', customers: 'Customers', alerts: 'Alerts', quality: 'Data quality',
  switchLang: '中文', revenueByPlatform: 'Revenue by platform', ordersByPlatform: 'Orders by platform', platform: 'Platform', orders: 'Orders',
  revenue: 'Revenue', period: 'Period', searchPlaceholder: 'Search title, brand, SKU or GTIN', search: 'Search', title: 'Title', brand: 'Brand',
  listings: 'Listings', platforms: 'Platforms', price: 'Price', priceRange: 'Price range', fused: 'fused', provisional: 'provisional',
  goldenRecord: 'Golden record', pricePerPlatform: 'Price per platform', minPrice: 'min', avgPrice: 'avg', maxPrice: 'max', paidPrice: 'avg paid',
  monthlySales: 'Units sold per month', forecast: 'Forecast', notAvailable: 'Not available yet', accept: 'Accept', reject: 'Reject', skip: 'Skip',
  shortcuts: 'Keys: A accept, R reject, S or → skip', accounts: 'Accounts', shared: 'Same e-mail on another platform', customer: 'Customer',
  country: 'Country', city: 'City', files: 'Files', rejectsByReason: 'Rejects by reason', reason: 'Reason', field: 'Field', count: 'Count',
  file: 'File', row: 'Row', value: 'Value', read: 'Read', accepted: 'Accepted', rejected: 'Rejected', rawRecord: 'Raw record', back: 'Back',
  token: 'API token', tokenPrompt: 'Paste an API token (omnifuse token create --scope read)', save: 'Save', signOut: 'Forget token',
  loading: 'Loading…', noData: 'No data', rejectPct: 'Reject %', dataQualityAlerts: 'Data-quality alerts', anomalies: 'Anomalies',
  total: 'Total', results: 'results', units: 'Units', sku: 'SKU', currency: 'Currency', listed: 'Listed', decided: 'Decided',
  upload: 'Upload exports', person: 'Person',
} as const;

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  overview: '概览', products: '商品', review: '匹配审核', customers: '客户', alerts: '告警', quality: '数据质量',
  switchLang: 'English', revenueByPlatform: '各平台销售额', ordersByPlatform: '各平台订单数', platform: '平台', orders: '订单',
  revenue: '销售额', period: '时间', searchPlaceholder: '搜索标题、品牌、SKU 或 GTIN', search: '搜索', title: '标题', brand: '品牌',
  listings: '商品链接', platforms: '平台', price: '价格', priceRange: '价格区间', fused: '已融合', provisional: '未融合',
  goldenRecord: '主数据', pricePerPlatform: '各平台价格', minPrice: '最低', avgPrice: '平均', maxPrice: '最高', paidPrice: '平均成交价',
  monthlySales: '月销量', forecast: '销量预测', notAvailable: '暂不可用', accept: '接受', reject: '拒绝', skip: '跳过',
  shortcuts: '快捷键：A 接受，R 拒绝，S 或 → 跳过', accounts: '账户数', shared: '邮箱在其他平台出现', customer: '客户',
  country: '国家', city: '城市', files: '文件', rejectsByReason: '按原因统计的拒收记录', reason: '原因', field: '字段', count: '数量',
  file: '文件', row: '行', value: '值', read: '读取', accepted: '接受', rejected: '拒收', rawRecord: '原始记录', back: '返回',
  token: 'API 令牌', tokenPrompt: '请粘贴 API 令牌（omnifuse token create --scope read）', save: '保存', signOut: '清除令牌',
  loading: '加载中…', noData: '暂无数据', rejectPct: '拒收率 %', dataQualityAlerts: '数据质量告警', anomalies: '异常检测',
  total: '合计', results: '条结果', units: '件数', sku: 'SKU', currency: '币种', listed: '标价', decided: '已处理',
  upload: '上传导出文件', person: '统一客户',
};

export type Lang = 'en' | 'zh';
const dict: Record<Lang, Record<Key, string>> = { en, zh };

let lang: Lang = localStorage.getItem('omnifuse.lang') === 'zh' ? 'zh' : 'en';

export const t = (k: Key): string => dict[lang][k];
export const currentLang = (): Lang => lang;

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('omnifuse.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
