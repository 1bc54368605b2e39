import type { Dictionary } from './en.ts';

/** 简体中文. Typed against the English dictionary, so a missing or extra key does not compile. */
export const zh: Dictionary = {
  app: { name: 'GridLedger 电力数据链', tagline: '监管之下的电力数据共享', skip: '跳到正文', language: '语言', signedInAs: '已登录：{{username}}（{{role}}，{{mspId}}）', signOut: '退出登录', menu: '菜单' },
  nav: { catalog: '数据目录', upload: '上传', myAssets: '我的资产与申请', myRequests: '我的申请与授权', regulator: '监管控制台', ops: '运维仪表盘', admin: '用户管理' },
  roles: { owner: '数据所有者', consumer: '数据使用者', regulator: '监管者', admin: '管理员' },
  common: {
    loading: '加载中…', retry: '重试', save: '保存', cancel: '取消', reason: '理由', submit: '提交', close: '关闭', yes: '是', no: '否', none: '无', unknown: '未知',
    previous: '上一页', next: '下一页', page: '第 {{page}} 页', empty: '暂无内容。', seconds: '秒', day: '天', days: '天', credits: '{{count}} 积分', copy: '复制', download: '下载',
    reasonRequired: '请填写理由：理由会记录在链上。', done: '已完成。',
  },
  errors: {
    network: '无法连接平台。请检查网络后重试。',
    session: '会话已结束，请重新登录。',
    generic: '出错了：{{message}}',
    forbidden: '您无权执行此操作：{{message}}',
  },
  signIn: {
    title: '登录', username: '用户名', password: '密码', submit: '登录', busy: '正在登录…',
    required: '请输入用户名和密码。', wrong: '用户名或密码错误。', locked: '尝试次数过多，账户暂时锁定，请稍后再试。',
    intro: '电网企业、数据使用方与监管机构在此共享电力数据。每一次申请、审批和下载都记录在链上。',
  },
  sensitivity: { public: '公开', internal: '内部', sensitive: '敏感', critical: '核心' },
  assetStatus: { active: '正常', frozen: '已冻结', retired: '已下架' },
  category: { 'load-curve': '负荷曲线', generation: '发电数据', 'substation-measurement': '变电站量测', 'consumption-statistics': '用电统计', other: '其他' },
  catalog: {
    title: '数据目录', search: '搜索标题和描述', category: '类别', sensitivity: '敏感级别', organisation: '机构', status: '状态', any: '全部',
    priceMin: '最低价格', priceMax: '最高价格', sort: '排序', sortNewest: '最新', sortTitle: '标题', sortPriceAsc: '价格从低到高', sortPriceDesc: '价格从高到低', sortSize: '大小',
    columns: { title: '标题', category: '类别', sensitivity: '敏感级别', owner: '所有者', price: '价格', size: '大小', status: '状态', created: '登记时间' },
    empty: '没有符合条件的数据资产。', pageOf: '第 {{page}} 页，共 {{pages}} 页', results: '共 {{count}} 项符合条件的资产', pageSize: '每页',
  },
  asset: {
    back: '返回数据目录', metadata: '元数据', onChain: '链上记录', policy: '访问策略', lineage: '数据血缘', timeline: '时间线', graph: '关系图',
    owner: '所有者', category: '类别', sensitivity: '敏感级别', price: '价格', size: '大小', status: '状态', keyVersion: '密钥版本', description: '描述', created: '登记时间', updated: '更新时间',
    cid: 'CID（IPFS）', plaintextSha256: '文件 SHA-256', ciphertextSha256: '密文 SHA-256', txId: '交易', block: '区块', scheme: '加密方式', fileStatus: '上链状态',
    allowedOrgs: '允许的机构', allowedRoles: '允许的角色', allowedPurposes: '允许的用途', maxDuration: '最长授权期', maxDownloads: '每次授权下载次数',
    requestAccess: '申请访问', freeze: '冻结资产', unfreeze: '解冻资产', noLineage: '该资产尚无任何记录。', graphLabel: '数据血缘关系图：谁对该资产做了什么',
    notFound: '数据资产 {{id}} 不存在，或您无权查看。',
    rules: '申请须满足的规则', orgNotAllowed: '该资产的策略不允许 {{mspId}} 申请。', roleNotAllowed: '该资产的策略不允许您的角色申请。',
  },
  lineageAction: {
    AssetRegistered: '登记', AssetMetadataUpdated: '元数据更新', AssetRetired: '下架', AssetKeyRotated: '密钥轮换', AccessRequested: '申请访问', RequestOwnerApproved: '所有者批准',
    AccessGranted: '授权', RequestRejected: '申请被拒', GrantRevoked: '撤销授权', RequestExpired: '申请过期', KeyReleased: '密钥发放', DownloadRecorded: '下载',
    AssetFrozen: '冻结', AssetUnfrozen: '解冻', RegulatorNoteAdded: '监管备注', PolicyUpdated: '策略更新',
  },
  upload: {
    title: '上传数据文件', intro: '文件用独立密钥加密后存入 IPFS；链上只记录 CID 和哈希。',
    titleField: '标题', description: '描述', category: '类别', sensitivity: '敏感级别', price: '价格（积分）', file: '文件',
    allowedOrgs: '可申请的机构', allowedRoles: '可申请的角色', allowedPurposes: '用途（逗号分隔；留空：任意）', maxDurationDays: '最长授权期（天）', maxDownloads: '每次授权下载次数',
    submit: '上传', uploading: '正在上传…', another: '再上传一个文件',
    stage: { sending: '已发送 {{done}} / {{total}}', receiving: '正在加密并存储', pinning: '正在固定到 IPFS', registering: '正在上链登记', done: '已存储', failed: '失败' },
    status: { pending: '等待链上确认…', anchored: '已在区块 {{block}} 上链。', rejected: '链上拒绝了该资产：{{reason}}' },
    anyOrgHint: '不勾选：任何机构均可申请。', anyRoleHint: '不勾选：数据使用者可申请。',
    invalid: { title: '请填写标题（最多 200 个字符）。', price: '价格须为不小于 0 的整数积分。', file: '请选择要上传的文件。', purposes: '每个用途最多 64 个字符。', duration: '最长授权期为 1 至 3650 天。', downloads: '下载次数须为不小于 1 的整数。' },
    viewAsset: '打开资产页面',
  },
  owner: {
    title: '我的资产与申请', inbox: '待我处理的申请', assets: '我的数据资产', noInbox: '没有待您决定的申请。', noAssets: '您还没有登记任何数据资产。',
    approve: '批准', reject: '拒绝', revoke: '撤销授权', rotateKey: '轮换密钥', editPolicy: '编辑策略', grants: '我的资产的申请与授权', noGrants: '还没有人申请您的数据。',
    rotated: '密钥已轮换：新密文已上链，授权方已重新封装。', confirmRotate: '用新密钥重新加密该文件？', policySaved: '策略已保存到链上。',
  },
  request: {
    consumer: '使用方', owner: '所有者', purpose: '用途', duration: '期限', price: '价格', status: '状态', asset: '资产', created: '申请时间', expires: '到期', downloadsLeft: '剩余 {{left}} / {{max}} 次下载', decisions: '审批记录', actions: '操作',
    statuses: { 'pending-owner': '等待所有者审批', 'pending-regulator': '等待监管审批', granted: '已授权', rejected: '已拒绝', revoked: '已撤销', expired: '已过期' },
    keyRelease: { none: '密钥未发放', requested: '已申请发放密钥', released: '密钥已发放', failed: '密钥发放失败' },
  },
  consumer: {
    title: '我的申请与授权', balance: '余额', escrow: '托管中', requests: '我的申请', grants: '我的授权', noRequests: '您没有待审批的申请。可在数据目录中查找数据。', noGrants: '暂无授权。',
    requestTitle: '申请访问：{{title}}', purpose: '用途', durationDays: '期限（天）', publicKey: '您的 X25519 公钥（可选，PEM 或 base64）', publicKeyHelp: '用 npm run gridledger -- keygen 生成；文件密钥将为它封装。',
    send: '提交申请', sent: '申请已提交，等待所有者审批。', downloadFile: '下载文件', downloading: '正在下载 {{done}} / {{total}}', keyEnvelope: '密钥信封', getEnvelope: '为我的公钥封装密钥', latestEnvelope: '下载最新信封',
    purposeRequired: '请说明数据用途。', durationInvalid: '期限为 1 至 {{max}} 天。',
  },
  regulator: {
    title: '监管控制台', pending: '等待监管审批', noPending: '没有等待您审批的敏感或核心数据申请。', freeze: '冻结', unfreeze: '解冻',
    freezeAsset: '冻结或解冻资产', freezeUser: '冻结或解冻用户', assetId: '资产 ID', userId: '用户 ID', audit: '审计日志', violations: '完整性违规', noViolations: '尚无完整性违规记录。',
    filters: { assetId: '资产 ID', userId: '用户 ID', org: '机构', action: '操作', from: '起始', to: '截止' }, search: '搜索', export: '导出报告（CSV）', noEvents: '没有符合条件的审计事件。', more: '加载更多',
    columns: { time: '时间', action: '操作', actor: '操作者', org: '机构', asset: '资产', tx: '交易' }, frozen: '已完成：已记录在链上。',
    reconcile: {
      title: '对账', explain: '将链上每项资产与存储记录、IPFS 中固定的数据及授权逐一比对；每处不一致也会作为完整性违规事件上报。',
      run: '立即对账', running: '对账中…', summary: '已检查 {{assets}} 项资产、{{grants}} 项授权；与链上不一致：{{violations}} 处。',
      kind: '发现', where: '位置', expected: '链上记录', actual: '实际',
    },
  },
  ops: {
    title: '运维仪表盘', live: '实时', connecting: '正在连接…', disconnected: '连接断开，正在重连…', services: '服务', components: '基础组件', up: '正常', down: '故障',
    chain: '区块链', height: '区块高度', txPerSecond: '每秒交易', blocksPerSecond: '每秒区块', kafka: 'Kafka', lag: '消费延迟', eventsPerSecond: '每秒事件', outbox: '发件箱积压',
    throughput: '上传与下载吞吐量', upload: '上传', download: '下载', errors: '最近错误', noErrors: '近期没有错误。', latency: '{{ms}} 毫秒',
  },
  admin: {
    title: '{{mspId}} 的用户', onboard: '添加用户', username: '用户名', email: '电子邮箱', password: '初始密码（至少 12 个字符）', role: '角色', create: '添加',
    created: '已添加 {{username}}，并为其签发了 Fabric 身份。', suspend: '停用', reactivate: '恢复', users: '用户', noUsers: '您的机构尚无用户记录。',
    status: { active: '正常', suspended: '已停用' }, suspended: '已停用 {{username}}。', reactivated: '已恢复 {{username}}。',
    invalid: { username: '用户名为 3 至 64 个小写字母、数字、"."、"_" 或 "-"。', email: '请输入有效的电子邮箱。', password: '密码至少 12 个字符。' },
    directoryNote: '列表来自本机构的审计日志。',
    credits: '分配积分', amount: '积分', allocate: '分配', allocated: '已向 {{username}} 分配 {{amount}} 积分。', amountInvalid: '积分须为不小于 1 的整数。',
  },
  notFound: { title: '页面不存在', back: '前往数据目录' },
};
