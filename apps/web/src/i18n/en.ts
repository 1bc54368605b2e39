/** English, the reference dictionary: every other language must have exactly these keys (checked by the type of zh.ts). */
export const en = {
  app: { name: 'GridLedger', tagline: 'Power data shared under supervision', skip: 'Skip to content', language: 'Language', signedInAs: 'Signed in as {{name}} ({{role}}, {{mspId}})', signOut: 'Sign out', menu: 'Menu' },
  nav: { catalog: 'Catalog', upload: 'Upload', myAssets: 'My assets & requests', myRequests: 'My requests & grants', regulator: 'Regulator console', ops: 'Ops dashboard', admin: 'Users', account: 'My account' },
  roles: { owner: 'owner', consumer: 'consumer', regulator: 'regulator', admin: 'admin' },
  common: {
    loading: 'Loading…', retry: 'Try again', save: 'Save', cancel: 'Cancel', reason: 'Reason', submit: 'Submit', close: 'Close', yes: 'Yes', no: 'No', none: 'none', unknown: 'unknown',
    previous: 'Previous', next: 'Next', page: 'Page {{page}}', empty: 'Nothing here yet.', seconds: 'seconds', day: 'day', days: 'days', credits: '{{count}} credits', copy: 'Copy', download: 'Download',
    reasonRequired: 'Give a reason: it is recorded on chain.', done: 'Done.',
  },
  errors: {
    network: 'The platform cannot be reached. Check your connection and try again.',
    session: 'Your session has ended. Sign in again.',
    generic: 'Something went wrong: {{message}}',
    forbidden: 'You may not do this: {{message}}',
  },
  signIn: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', busy: 'Signing in…',
    required: 'Enter your username and password.', wrong: 'The username or password is wrong.', locked: 'This account is locked for a while after too many attempts. Try again later.',
    intro: 'Grid companies, data consumers and the regulator share power data here. Every request, approval and download is recorded on chain.',
    haveToken: 'Have a reset token from your admin? Set a new password',
  },
  reset: {
    title: 'Set a new password', intro: 'Your admin gave you a one-time reset token. It works once, for 30 minutes.', token: 'Reset token', newPassword: 'New password', confirm: 'New password again',
    submit: 'Set password', busy: 'Setting…', required: 'Enter the token and the new password.', mismatch: 'The two passwords differ.', done: 'Your password is set. Sign in with it.', back: 'Back to sign in',
    used: 'This token was already used, or replaced by a newer one. Ask your admin for a new one.', expired: 'This token has expired. Ask your admin for a new one.', invalid: 'This token is not valid. Check that you copied it whole.',
  },
  account: {
    title: 'My account', profile: 'Profile', username: 'Username', organisation: 'Organisation', role: 'Role', displayName: 'Display name', saveName: 'Save name', nameSaved: 'Your display name is saved.', nameInvalid: 'A display name has 1 to 100 characters.',
    password: 'Change password', current: 'Current password', newPassword: 'New password', confirm: 'New password again', change: 'Change password', changed: 'Your password is changed. Your other sessions are signed out.',
    required: 'Enter your current password and a new one.', mismatch: 'The two new passwords differ.', wrongCurrent: 'The current password is wrong.',
    policy: 'At least 12 characters; below 16, three of: lower case, upper case, digits, symbols. It may not contain your username.',
  },
  sensitivity: { public: 'public', internal: 'internal', sensitive: 'sensitive', critical: 'critical' },
  assetStatus: { active: 'active', frozen: 'frozen', retired: 'retired' },
  category: { 'load-curve': 'load curve', generation: 'generation', 'substation-measurement': 'substation measurement', 'consumption-statistics': 'consumption statistics', other: 'other' },
  catalog: {
    title: 'Catalog', search: 'Search title and description', category: 'Category', sensitivity: 'Sensitivity', organisation: 'Organisation', status: 'Status', any: 'any',
    priceMin: 'Price from', priceMax: 'Price to', sort: 'Sort by', sortNewest: 'newest', sortTitle: 'title', sortPriceAsc: 'price, low to high', sortPriceDesc: 'price, high to low', sortSize: 'size',
    columns: { title: 'Title', category: 'Category', sensitivity: 'Sensitivity', owner: 'Owner', price: 'Price', size: 'Size', status: 'Status', created: 'Registered' },
    empty: 'No data asset matches these filters.', pageOf: 'Page {{page}} of {{pages}}', results: '{{count}} matching assets', pageSize: 'Per page',
  },
  asset: {
    back: 'Back to the catalog', metadata: 'Metadata', onChain: 'On-chain record', policy: 'Policy', lineage: 'Lineage', timeline: 'Timeline', graph: 'Graph',
    owner: 'Owner', category: 'Category', sensitivity: 'Sensitivity', price: 'Price', size: 'Size', status: 'Status', keyVersion: 'Key version', description: 'Description', created: 'Registered', updated: 'Updated',
    cid: 'CID (IPFS)', plaintextSha256: 'SHA-256 of the file', ciphertextSha256: 'SHA-256 of the ciphertext', txId: 'Transaction', block: 'Block', scheme: 'Encryption', fileStatus: 'Anchoring',
    allowedOrgs: 'Organisations', allowedRoles: 'Roles', allowedPurposes: 'Purposes', maxDuration: 'Longest grant', maxDownloads: 'Downloads per grant',
    requestAccess: 'Request access', freeze: 'Freeze asset', unfreeze: 'Unfreeze asset', noLineage: 'Nothing has happened to this asset yet.', graphLabel: 'Lineage graph: who did what to this asset',
    notFound: 'There is no data asset {{id}}, or you may not see it.',
    rules: 'The rules a request meets', orgNotAllowed: 'The policy of this asset does not let {{mspId}} ask for it.', roleNotAllowed: 'The policy of this asset does not let your role ask for it.',
  },
  lineageAction: {
    AssetRegistered: 'registered', AssetMetadataUpdated: 'metadata updated', AssetRetired: 'retired', AssetKeyRotated: 'key rotated', AccessRequested: 'access requested', RequestOwnerApproved: 'owner approved',
    AccessGranted: 'access granted', RequestRejected: 'request rejected', GrantRevoked: 'grant revoked', RequestExpired: 'request expired', KeyReleased: 'key released', DownloadRecorded: 'downloaded',
    AssetFrozen: 'frozen', AssetUnfrozen: 'unfrozen', RegulatorNoteAdded: 'regulator note', PolicyUpdated: 'policy updated',
  },
  upload: {
    title: 'Upload a data file', intro: 'The file is encrypted with its own key and pinned to IPFS; only its CID and hashes go on chain.',
    titleField: 'Title', description: 'Description', category: 'Category', sensitivity: 'Sensitivity', price: 'Price (credits)', file: 'File',
    allowedOrgs: 'Organisations that may request', allowedRoles: 'Roles that may request', allowedPurposes: 'Purposes (comma-separated; empty: any)', maxDurationDays: 'Longest grant (days)', maxDownloads: 'Downloads per grant',
    submit: 'Upload', uploading: 'Uploading…', another: 'Upload another file',
    stage: { sending: 'Sending {{done}} of {{total}}', receiving: 'Encrypting and storing', pinning: 'Pinning to IPFS', registering: 'Registering on chain', done: 'Stored', failed: 'Failed' },
    status: { pending: 'Waiting for the chain to confirm…', anchored: 'Anchored on chain in block {{block}}.', rejected: 'The chain rejected this asset: {{reason}}' },
    anyOrgHint: 'None ticked: any organisation may ask.', anyRoleHint: 'None ticked: consumers may ask.',
    invalid: { title: 'Give the file a title (up to 200 characters).', price: 'The price is a whole number of credits, 0 or more.', file: 'Choose a file to upload.', purposes: 'A purpose is at most 64 characters.', duration: 'The longest grant is 1 to 3650 days.', downloads: 'Downloads per grant is a whole number from 1.' },
    viewAsset: 'Open the asset page',
  },
  owner: {
    title: 'My assets and requests', inbox: 'Requests waiting for you', assets: 'My data assets', noInbox: 'No request waits for your decision.', noAssets: 'You have not registered any data asset yet.',
    approve: 'Approve', reject: 'Reject', revoke: 'Revoke grant', rotateKey: 'Rotate key', editPolicy: 'Edit policy', grants: 'Requests and grants for my assets', noGrants: 'No one has asked for your data yet.',
    rotated: 'The key was rotated: new ciphertext anchored, grantees re-sealed.', confirmRotate: 'Re-encrypt this file under a new key?', policySaved: 'The policy was saved on chain.',
  },
  request: {
    consumer: 'Consumer', owner: 'Owner', purpose: 'Purpose', duration: 'Duration', price: 'Price', status: 'Status', asset: 'Asset', created: 'Asked', expires: 'Expires', downloadsLeft: '{{left}} of {{max}} downloads left', decisions: 'Decisions', actions: 'Actions',
    statuses: { 'pending-owner': 'waiting for the owner', 'pending-regulator': 'waiting for the regulator', granted: 'granted', rejected: 'rejected', revoked: 'revoked', expired: 'expired' },
    keyRelease: { none: 'key not released', requested: 'key release requested', released: 'key released', failed: 'key release failed' },
  },
  consumer: {
    title: 'My requests and grants', balance: 'Balance', escrow: 'Held in escrow', requests: 'My requests', grants: 'My grants', noRequests: 'No request of yours waits for a decision. Find data in the catalog.', noGrants: 'No grant yet.',
    requestTitle: 'Request access to {{title}}', purpose: 'Purpose', durationDays: 'For how many days', publicKey: 'Your X25519 public key (optional, PEM or base64)', publicKeyHelp: 'Made with npm run gridledger -- keygen; the file key is sealed for it.',
    send: 'Send request', sent: 'Request sent: the owner decides next.', downloadFile: 'Download file', downloading: 'Downloading {{done}} of {{total}}', keyEnvelope: 'Key envelope', getEnvelope: 'Seal the key for my public key', latestEnvelope: 'Download latest envelope',
    purposeRequired: 'Say what you will use the data for.', durationInvalid: 'The duration is 1 to {{max}} days.',
  },
  regulator: {
    title: 'Regulator console', pending: 'Waiting for the regulator', noPending: 'No sensitive or critical request waits for you.', freeze: 'Freeze', unfreeze: 'Unfreeze',
    freezeAsset: 'Freeze or unfreeze an asset', freezeUser: 'Freeze or unfreeze a user', assetId: 'Asset id', userId: 'User id',
    findUser: 'Find a user (name, username or e-mail)', noUserMatch: 'No user matches.', choose: 'Choose', chosen: 'Chosen: {{name}} ({{username}}, {{org}})', chooseAnother: 'Choose another user', audit: 'Audit log', violations: 'Integrity violations', noViolations: 'No integrity violation has been recorded.',
    filters: { assetId: 'Asset id', userId: 'User id', org: 'Organisation', action: 'Action', from: 'From', to: 'To' }, search: 'Search', export: 'Export report (CSV)', exportJsonl: 'Export JSON Lines', exportNote: 'An export holds every event that matches, oldest first, however many; without a time range it runs from the first event to now.', noEvents: 'No audit event matches.', more: 'Load more',
    columns: { time: 'Time', action: 'Action', actor: 'Actor', org: 'Organisation', asset: 'Asset', tx: 'Transaction' }, frozen: 'Done: recorded on chain.',
    reconcile: {
      title: 'Reconciliation', explain: 'Compares every asset on chain with the storage records, the bytes pinned in IPFS and the grants; each disagreement is also reported as an integrity-violation event.',
      run: 'Reconcile now', running: 'Reconciling…', summary: '{{assets}} assets and {{grants}} grants checked; disagreements with the chain: {{violations}}.',
      kind: 'Finding', where: 'Where', expected: 'Chain says', actual: 'Found',
    },
    violation: {
      explain: 'Every disagreement with the chain, whether storage reported it while serving a file or reconciliation found it comparing copies; each asset and kind is listed once, however often it is found.',
      state: 'State', all: 'All', states: { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved' },
      firstSeen: 'First found', source: 'Found by', sources: { storage: 'storage', reconciliation: 'reconciliation' }, seen: 'Reports', times: '{{count}}×, last {{last}}', actions: 'Actions',
      noneInState: 'No integrity violation is {{state}}.', noteRequired: 'Write a note: it is kept with your name and the time.', acknowledge: 'Acknowledge', resolve: 'Resolve', reopened: 'Found again {{at}}', acknowledgedBy: 'Acknowledged by {{by}}, {{at}}: {{note}}', resolvedBy: 'Resolved by {{by}}, {{at}}: {{note}}',
    },
  },
  ops: {
    title: 'Ops dashboard', live: 'Live', connecting: 'Connecting…', disconnected: 'Disconnected, reconnecting…', services: 'Services', components: 'Stack components', up: 'up', down: 'down',
    chain: 'Chain', height: 'Height', txPerSecond: 'Transactions/s', blocksPerSecond: 'Blocks/s', kafka: 'Kafka', lag: 'Consumer lag', eventsPerSecond: 'Events/s', outbox: 'Outbox backlog',
    throughput: 'Upload and download throughput', upload: 'Upload', download: 'Download', errors: 'Recent errors', noErrors: 'No error recently.', latency: '{{ms}} ms',
  },
  admin: {
    title: 'Users of {{mspId}}', onboard: 'Onboard a user', username: 'Username', displayName: 'Display name (optional)', name: 'Name', joined: 'Onboarded', email: 'E-mail', password: 'Initial password (12 or more characters)', role: 'Role', create: 'Onboard',
    created: '{{username}} was onboarded with their own Fabric identity.', suspend: 'Suspend', reactivate: 'Reactivate', users: 'Users', noUsers: 'No user is recorded for your organisation yet.',
    status: { active: 'active', suspended: 'suspended' }, suspended: '{{username}} was suspended.', reactivated: '{{username}} was reactivated.',
    invalid: { username: 'A username is 3 to 64 lower-case letters, digits, ".", "_" or "-".', email: 'Enter a valid e-mail address.', password: 'The password needs at least 12 characters.' },
    search: 'Search users', searchHint: 'Part of a display name, username or e-mail.', count: '{{count}} users', pageOf: 'Page {{page}} of {{pages}}',
    resetPassword: 'Reset password', resetTitle: 'One-time reset token for {{name}}', resetExplain: 'Give it to {{name}} over a channel you trust. It is shown only now, works once and expires at {{time}}.', resetLink: 'Or send this link, which fills the token in:',
    rename: 'Rename', newName: 'New display name', renamed: '{{username}} is now shown as {{name}}.',
    credits: 'Allocate credits', amount: 'Credits', allocate: 'Allocate', allocated: '{{amount}} credits allocated to {{username}}.', amountInvalid: 'Credits are a whole number from 1.',
  },
  notFound: { title: 'Page not found', back: 'Go to the catalog' },
};

/** The shape every language must have: the same keys, any strings. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Dictionary = Widen<typeof en>;
