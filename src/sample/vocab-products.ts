// Word lists for the catalogue: brands, product types and variant axes in English and Chinese.

export type Category = 'electronics' | 'home' | 'beauty' | 'apparel' | 'toys';
export type Axis = 'color' | 'capacity' | 'size' | 'volume';

export interface Brand { en: string; zh: string; code: string; gs1: string; upc: boolean }

export interface ProductType {
  category: Category;
  en: string;
  short: string;
  zh: string;
  axes: Axis[];
  /** Allowed values per axis (colours come from COLORS). */
  values?: Partial<Record<Axis, string[]>>;
  price: [number, number];
  /** '#' = digit, '@' = capital letter. */
  models: string[];
  grams: number;
}

export const BRANDS: Record<Category, Brand[]> = {
  electronics: [
    { en: 'Sony', zh: '索尼', code: 'SON', gs1: '454873', upc: false },
    { en: 'Samsung', zh: '三星', code: 'SAM', gs1: '880609', upc: false },
    { en: 'Anker', zh: '安克', code: 'ANK', gs1: '84806', upc: true },
    { en: 'Xiaomi', zh: '小米', code: 'XMI', gs1: '694164', upc: false },
    { en: 'Huawei', zh: '华为', code: 'HUA', gs1: '693630', upc: false },
    { en: 'JBL', zh: 'JBL', code: 'JBL', gs1: '05003', upc: true },
    { en: 'SanDisk', zh: '闪迪', code: 'SDK', gs1: '61965', upc: true },
    { en: 'Kingston', zh: '金士顿', code: 'KTN', gs1: '74061', upc: true },
  ],
  home: [
    { en: 'Philips', zh: '飞利浦', code: 'PHI', gs1: '871010', upc: false },
    { en: 'Dyson', zh: '戴森', code: 'DYS', gs1: '502301', upc: false },
    { en: 'Midea', zh: '美的', code: 'MID', gs1: '690263', upc: false },
    { en: 'Panasonic', zh: '松下', code: 'PAN', gs1: '490215', upc: false },
    { en: 'Tefal', zh: '特福', code: 'TEF', gs1: '301016', upc: false },
    { en: 'Cuisinart', zh: '美膳雅', code: 'CUI', gs1: '08633', upc: true },
  ],
  beauty: [
    { en: "L'Oréal Paris", zh: '欧莱雅', code: 'LOR', gs1: '360052', upc: false },
    { en: 'Estée Lauder', zh: '雅诗兰黛', code: 'EST', gs1: '88730', upc: true },
    { en: 'Lancôme', zh: '兰蔻', code: 'LAN', gs1: '361427', upc: false },
    { en: 'Neutrogena', zh: '露得清', code: 'NEU', gs1: '07050', upc: true },
    { en: 'Shiseido', zh: '资生堂', code: 'SHI', gs1: '490154', upc: false },
    { en: 'Perfect Diary', zh: '完美日记', code: 'PDY', gs1: '697180', upc: false },
  ],
  apparel: [
    { en: 'Nike', zh: '耐克', code: 'NIK', gs1: '19150', upc: true },
    { en: 'Adidas', zh: '阿迪达斯', code: 'ADI', gs1: '405970', upc: false },
    { en: 'Uniqlo', zh: '优衣库', code: 'UNQ', gs1: '454997', upc: false },
    { en: "Levi's", zh: '李维斯', code: 'LEV', gs1: '54179', upc: true },
    { en: 'Li-Ning', zh: '李宁', code: 'LIN', gs1: '691527', upc: false },
    { en: 'Anta', zh: '安踏', code: 'ANT', gs1: '693517', upc: false },
  ],
  toys: [
    { en: 'LEGO', zh: '乐高', code: 'LEG', gs1: '570201', upc: false },
    { en: 'Hasbro', zh: '孩之宝', code: 'HAS', gs1: '63050', upc: true },
    { en: 'Mattel', zh: '美泰', code: 'MAT', gs1: '88796', upc: true },
    { en: 'Bandai', zh: '万代', code: 'BAN', gs1: '457054', upc: false },
    { en: 'Keeppley', zh: '启蒙', code: 'KEE', gs1: '694720', upc: false },
  ],
};

export const TYPES: ProductType[] = [
  { category: 'electronics', en: 'Wireless Noise Cancelling Headphones', short: 'Headphones', zh: '无线降噪耳机', axes: ['color'], price: [79, 399], models: ['WH-####XM#', 'WH-CH###N'], grams: 250 },
  { category: 'electronics', en: 'True Wireless Earbuds', short: 'Earbuds', zh: '真无线蓝牙耳机', axes: ['color'], price: [29, 249], models: ['WF-###XM#', 'A####'], grams: 60 },
  { category: 'electronics', en: 'Portable Bluetooth Speaker', short: 'Speaker', zh: '便携蓝牙音箱', axes: ['color'], price: [25, 199], models: ['SRS-XB##', 'FLIP #'], grams: 540 },
  { category: 'electronics', en: 'Home Theatre System', short: 'Home Theater', zh: '家庭影院音响系统', axes: [], price: [199, 699], models: ['DAV-IS##/B', 'HT-S###'], grams: 4200 },
  { category: 'electronics', en: 'Smartphone', short: 'Phone', zh: '智能手机', axes: ['capacity', 'color'], values: { capacity: ['64GB', '128GB', '256GB', '512GB'] }, price: [199, 1199], models: ['SM-A###', 'SM-S###@'], grams: 190 },
  { category: 'electronics', en: 'USB 3.0 Flash Drive', short: 'USB Drive', zh: 'USB3.0 高速U盘', axes: ['capacity'], values: { capacity: ['16GB', '32GB', '64GB', '128GB', '256GB'] }, price: [6, 45], models: ['DT##G3', 'SDCZ##'], grams: 12 },
  { category: 'electronics', en: 'Power Bank', short: 'Power Bank', zh: '移动电源充电宝', axes: ['capacity', 'color'], values: { capacity: ['10000mAh', '20000mAh', '26800mAh'] }, price: [19, 89], models: ['A1###', 'PB-###'], grams: 300 },
  { category: 'electronics', en: 'microSD Memory Card', short: 'Memory Card', zh: 'TF存储卡 内存卡', axes: ['capacity'], values: { capacity: ['32GB', '64GB', '128GB', '256GB', '512GB'] }, price: [8, 70], models: ['SDSQXA-###G', 'SDCS#/###'], grams: 5 },
  { category: 'electronics', en: 'Smart Watch', short: 'Watch', zh: '智能手表', axes: ['size', 'color'], values: { size: ['41mm', '45mm'] }, price: [99, 499], models: ['SM-R###', 'GT #'], grams: 45 },
  { category: 'home', en: 'Robot Vacuum Cleaner', short: 'Robot Vacuum', zh: '扫地机器人', axes: ['color'], price: [199, 899], models: ['V##', 'RV-###@'], grams: 3500 },
  { category: 'home', en: 'HEPA Air Purifier', short: 'Air Purifier', zh: 'HEPA空气净化器', axes: [], price: [89, 599], models: ['AC####/##', 'AP-###'], grams: 6000 },
  { category: 'home', en: 'Electric Kettle', short: 'Kettle', zh: '电热水壶', axes: ['volume', 'color'], values: { volume: ['1.5L', '1.7L'] }, price: [19, 99], models: ['HD####/##', 'KE-###'], grams: 1100 },
  { category: 'home', en: 'Non-Stick Frying Pan', short: 'Frying Pan', zh: '不粘锅煎锅', axes: ['size'], values: { size: ['24cm', '28cm', '32cm'] }, price: [15, 79], models: ['G####', 'FP-##'], grams: 900 },
  { category: 'home', en: 'Cotton Bed Sheet Set', short: 'Sheet Set', zh: '纯棉床单四件套', axes: ['size', 'color'], values: { size: ['Full', 'Queen', 'King'] }, price: [29, 129], models: ['BS-###', 'CT###'], grams: 1500 },
  { category: 'home', en: 'Rice Cooker', short: 'Rice Cooker', zh: '智能电饭煲', axes: ['volume'], values: { volume: ['3L', '4L', '5L'] }, price: [39, 259], models: ['SR-@@###', 'MB-FB##'], grams: 3200 },
  { category: 'beauty', en: 'Moisturising Face Cream', short: 'Face Cream', zh: '保湿面霜', axes: ['volume'], values: { volume: ['50ml', '100ml'] }, price: [12, 129], models: ['FC-###', 'RV##'], grams: 120 },
  { category: 'beauty', en: 'Hydrating Serum', short: 'Serum', zh: '补水精华液', axes: ['volume'], values: { volume: ['30ml', '50ml', '100ml'] }, price: [19, 159], models: ['ANR-##', 'SR###'], grams: 90 },
  { category: 'beauty', en: 'Matte Lipstick', short: 'Lipstick', zh: '哑光口红', axes: ['color'], values: { color: ['Red', 'Pink', 'Coral', 'Nude', 'Berry'] }, price: [9, 45], models: ['LS-###', 'R###'], grams: 20 },
  { category: 'beauty', en: 'Repair Shampoo', short: 'Shampoo', zh: '修护洗发水', axes: ['volume'], values: { volume: ['400ml', '750ml'] }, price: [6, 29], models: ['SH-###', 'EL###'], grams: 450 },
  { category: 'beauty', en: 'Sunscreen SPF50+', short: 'Sunscreen', zh: '防晒霜SPF50+', axes: ['volume'], values: { volume: ['50ml', '90ml'] }, price: [12, 49], models: ['UV-###', 'AN##'], grams: 70 },
  { category: 'apparel', en: 'Cotton Crew Neck T-Shirt', short: 'T-Shirt', zh: '纯棉圆领短袖T恤', axes: ['size', 'color'], values: { size: ['S', 'M', 'L', 'XL', 'XXL'] }, price: [9, 39], models: ['TS-####', '4####-##'], grams: 180 },
  { category: 'apparel', en: 'Slim Fit Jeans', short: 'Jeans', zh: '修身牛仔裤', axes: ['size', 'color'], values: { size: ['W30', 'W32', 'W34', 'W36'], color: ['Blue', 'Black', 'Grey'] }, price: [29, 99], models: ['###', '5##-####'], grams: 650 },
  { category: 'apparel', en: 'Running Shoes', short: 'Running Shoes', zh: '缓震跑步鞋', axes: ['size', 'color'], values: { size: ['US 7', 'US 8', 'US 9', 'US 10', 'US 11'] }, price: [49, 179], models: ['@@####-###', 'ARH###'], grams: 700 },
  { category: 'apparel', en: 'Lightweight Down Jacket', short: 'Down Jacket', zh: '轻薄羽绒服', axes: ['size', 'color'], values: { size: ['S', 'M', 'L', 'XL'] }, price: [49, 199], models: ['DJ-####', '4#####'], grams: 400 },
  { category: 'toys', en: 'Building Blocks Set', short: 'Building Set', zh: '拼装积木玩具', axes: [], price: [19, 249], models: ['#####', 'K####'], grams: 1200 },
  { category: 'toys', en: 'Plush Toy', short: 'Plush', zh: '毛绒公仔玩偶', axes: ['size'], values: { size: ['30cm', '45cm', '60cm'] }, price: [12, 59], models: ['PL-###', 'HB###'], grams: 300 },
  { category: 'toys', en: 'Remote Control Car', short: 'RC Car', zh: '遥控赛车', axes: ['color'], price: [25, 149], models: ['RC-###', 'GX###'], grams: 900 },
  { category: 'toys', en: '1000 Piece Jigsaw Puzzle', short: 'Puzzle', zh: '1000片拼图', axes: [], price: [9, 29], models: ['PZ-####', 'J####'], grams: 700 },
];

export const COLORS: Record<string, { zh: string; code: string }> = {
  Black: { zh: '黑色', code: 'BLK' },
  White: { zh: '白色', code: 'WHT' },
  Silver: { zh: '银色', code: 'SLV' },
  Blue: { zh: '蓝色', code: 'BLU' },
  Red: { zh: '红色', code: 'RED' },
  Pink: { zh: '粉色', code: 'PNK' },
  Grey: { zh: '灰色', code: 'GRY' },
  Green: { zh: '绿色', code: 'GRN' },
  Coral: { zh: '珊瑚色', code: 'CRL' },
  Nude: { zh: '裸色', code: 'NUD' },
  Berry: { zh: '莓果色', code: 'BRY' },
};

export const DEFAULT_COLORS = ['Black', 'White', 'Silver', 'Blue', 'Red', 'Pink', 'Grey', 'Green'];

/** Chinese spelling of a size/capacity/volume value where it differs. */
export const VALUE_ZH: Record<string, string> = {
  Full: '1.5米床', Queen: '1.8米床', King: '2.0米床', 'US 7': '40码', 'US 8': '41码', 'US 9': '42码', 'US 10': '43码', 'US 11': '44码',
};

export const CATEGORY_ZH: Record<Category, string> = {
  electronics: '数码电子', home: '家居家电', beauty: '美妆个护', apparel: '服饰鞋包', toys: '玩具',
};

export const GOOGLE_CATEGORY: Record<Category, string> = {
  electronics: 'Electronics > Audio', home: 'Home & Garden > Kitchen & Dining', beauty: 'Health & Beauty > Personal Care > Cosmetics',
  apparel: 'Apparel & Accessories > Clothing', toys: 'Toys & Games > Toys',
};

export const MARKETING_EN = ['Hot Sale', 'NEW', 'Free Shipping', 'Genuine', 'Fast Ship', 'Best Seller', '2026 Model', 'US Seller'];
export const MARKETING_ZH = ['2026新款', '包邮', '正品', '官方旗舰', '顺丰速发', '现货', '爆款', '限时特价', '官方正品'];
