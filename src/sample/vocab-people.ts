// Name and address word lists for synthetic customers in the US, France and China.

export const CN_SURNAMES: [string, string][] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'],
  ['赵', 'Zhao'], ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'],
  ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['高', 'Gao'], ['罗', 'Luo'],
];

export const CN_GIVEN: [string, string][] = [
  ['伟', 'Wei'], ['芳', 'Fang'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['丽', 'Li'], ['强', 'Qiang'], ['磊', 'Lei'],
  ['军', 'Jun'], ['洋', 'Yang'], ['勇', 'Yong'], ['艳', 'Yan'], ['杰', 'Jie'], ['娟', 'Juan'], ['涛', 'Tao'], ['明', 'Ming'],
  ['超', 'Chao'], ['秀英', 'Xiuying'], ['桂英', 'Guiying'], ['建华', 'Jianhua'], ['志强', 'Zhiqiang'], ['晓明', 'Xiaoming'],
  ['婷婷', 'Tingting'], ['子涵', 'Zihan'], ['浩然', 'Haoran'], ['欣怡', 'Xinyi'], ['宇轩', 'Yuxuan'], ['梓萱', 'Zixuan'],
];

export const WEST_FIRST = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Emily', 'Olivia',
  'Noah', 'Liam', 'Emma', 'Sophia', 'Lucas', 'Chloe', 'Hugo', 'Camille', 'Léa', 'Louis', 'Manon', 'Jules',
];

export const WEST_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson',
  'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', "O'Brien", 'Clark',
  'Lewis', 'Walker', 'Young', 'Allen', 'Dubois', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre',
];

export const US_PLACES: [string, string, string][] = [
  ['New York', 'NY', '100'], ['Boston', 'MA', '021'], ['Newark', 'NJ', '071'], ['Hartford', 'CT', '061'],
  ['Chicago', 'IL', '606'], ['Houston', 'TX', '770'], ['Austin', 'TX', '787'], ['Seattle', 'WA', '981'],
  ['San Francisco', 'CA', '941'], ['Los Angeles', 'CA', '900'], ['Denver', 'CO', '802'], ['Miami', 'FL', '331'],
  ['Atlanta', 'GA', '303'], ['Portland', 'OR', '972'], ['Phoenix', 'AZ', '850'],
];

export const FR_PLACES: [string, string][] = [
  ['Paris', '75008'], ['Paris', '75011'], ['Lyon', '69003'], ['Marseille', '13001'], ['Toulouse', '31000'],
  ['Bordeaux', '33000'], ['Lille', '59000'], ['Nantes', '44000'], ['Strasbourg', '67000'], ['Annecy', '74000'],
];

export const US_STREETS = ['Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Pine', 'Sunset', 'Lincoln'];
/** Long and short forms; different platforms get different spellings of the same address. */
export const STREET_TYPES: [string, string][] = [['Street', 'St.'], ['Avenue', 'Ave'], ['Road', 'Rd.'], ['Boulevard', 'Blvd'], ['Drive', 'Dr.']];
export const FR_STREETS = ['rue de la Paix', 'rue Victor Hugo', 'avenue Jean Jaurès', 'boulevard Voltaire', 'rue des Lilas', 'place de la République'];

export const CN_PLACES: [string, string, string, string][] = [
  ['浙江省', '杭州市', '西湖区', '310012'], ['上海市', '上海市', '浦东新区', '200120'], ['北京市', '北京市', '朝阳区', '100020'],
  ['广东省', '深圳市', '南山区', '518057'], ['广东省', '广州市', '天河区', '510620'], ['江苏省', '南京市', '鼓楼区', '210008'],
  ['四川省', '成都市', '武侯区', '610041'], ['湖北省', '武汉市', '洪山区', '430070'], ['吉林省', '通化市', '柳河县', '135300'],
  ['山东省', '青岛市', '市南区', '266001'], ['福建省', '厦门市', '思明区', '361001'], ['陕西省', '西安市', '雁塔区', '710061'],
];
export const CN_ROADS = ['文三路', '建国路', '科技园南路', '中山路', '人民路', '解放路', '长江路', '和平街', '天府大道', '珞喻路'];
export const CN_COMMUNITIES = ['紫御府', '阳光花园', '锦绣家园', '翠苑小区', '幸福里', '万科城', '绿地公馆', ''];

export const CN_MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '176', '177', '180', '181', '183', '186', '187', '188', '189', '199'];

export const EMAIL_DOMAINS_US = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.com'];
export const EMAIL_DOMAINS_FR = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr'];
export const EMAIL_DOMAINS_CN = ['qq.com', '163.com', '126.com', 'gmail.com', 'sina.com'];

export const NICK_WORDS_ZH = ['幸福', '快乐', '小猫', '阳光', '蔓岩', '星星', '海风', '甜心', '木子', '清风', '旅人', '橙子'];
