/**
 * What the recogniser knows of the rare-earth world: named things, elements and products, and event words.
 * Phrases are written as normalised tokens (see story-text.ts: lower case, American spelling, light stem),
 * so "Ministry of Commerce" is written as it comes out of the tokenizer.
 */

/** Canonical name → phrases that name it (companies with tickers, agencies, countries with adjectives and capitals). */
export const ENTITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  lynas: ['lynas', 'asx lyc'],
  'mp-materials': ['mp material', 'nyse mp'],
  iluka: ['iluka', 'asx ilu'],
  arafura: ['arafura', 'asx aru'],
  jogmec: ['jogmec', 'japan organization for metal and energy security'],
  sojitz: ['sojitz'],
  'energy-fuels': ['energy fuel', 'uuuu'],
  neo: ['neo performance'],
  'usa-rare-earth': ['usa rare earth', 'usar'],
  vulcan: ['vulcan element', 'vulcan'],
  ucore: ['ucore'],
  noveon: ['noveon'],
  niron: ['niron'],
  solvay: ['solvay'],
  apple: ['apple'],
  gm: ['gm', 'general motor'],
  hyundai: ['hyundai'],
  siemens: ['siemen'],
  maaden: ['maaden', 'ma aden'],
  'northern-minerals': ['northern mineral'],
  'china-northern': ['china northern rare earth', 'northern rare earth'],
  rainbow: ['rainbow rare earth', 'rainbow'],
  pensana: ['pensana'],
  mkango: ['mkango'],
  hypromag: ['hypromag'],
  'critical-metals': ['critical metal corp', 'critical metal'],
  aclara: ['aclara'],
  'serra-verde': ['serra verde'],
  'less-common-metals': ['less common metal'],
  cme: ['cme'],
  sgx: ['sgx', 'singapore exchange'],
  lme: ['lme', 'london metal exchange'],
  'shenghe': ['shenghe'],
  'china-rare-earth-group': ['china rare earth group'],
  dod: ['pentagon', 'department of defense', 'defense department', 'dod', 'office of strategic capital'],
  ustda: ['ustda', 'trade and development agency', 'us trade agency'],
  dfc: ['dfc', 'development finance corporation', 'development finance corp'],
  exim: ['exim', 'export import bank'],
  mofcom: ['mofcom', 'commerce ministry', 'ministry of commerce'],
  miit: ['miit', 'industry ministry', 'ministry of industry and information technology'],
  'european-commission': ['european commission', 'brussels', 'eu'],
  china: ['china', 'chinese', 'beijing', 'xi jinping'],
  // A head of government or minister stands for the country in headlines ("Albanese announces …").
  us: ['us', 'united state', 'american', 'washington', 'trump', 'biden'],
  japan: ['japan', 'japanese', 'tokyo'],
  australia: ['australia', 'australian', 'canberra', 'albanese', 'chalmer'],
  malaysia: ['malaysia', 'malaysian', 'kuala lumpur'],
  brazil: ['brazil', 'brazilian', 'brasilia'],
  saudi: ['saudi', 'saudi arabia', 'riyadh'],
  india: ['india', 'indian', 'new delhi'],
  vietnam: ['vietnam', 'vietnamese', 'hanoi'],
  myanmar: ['myanmar', 'burma', 'naypyidaw'],
  kazakhstan: ['kazakhstan', 'astana'],
  greenland: ['greenland', 'nuuk'],
  estonia: ['estonia', 'tallinn'],
  france: ['france', 'french', 'paris'],
  uk: ['uk', 'britain', 'british', 'united kingdom', 'london'],
  angola: ['angola', 'luanda'],
  'south-africa': ['south africa', 'south african', 'pretoria'],
  korea: ['korea', 'korean', 'seoul'],
  canada: ['canada', 'canadian', 'ottawa'],
  singapore: ['singapore'],
  germany: ['germany', 'german', 'berlin'],
  russia: ['russia', 'russian', 'moscow'],
  congo: ['congo', 'drc', 'democratic republic of congo', 'congolese', 'kinshasa'],
  indonesia: ['indonesia', 'indonesian', 'jakarta'],
};

/** Elements and products: two stories about different ones are different stories. */
export const ELEMENT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ndpr: ['ndpr', 'nd pr', 'neodymium praseodymium'],
  neodymium: ['neodymium'],
  praseodymium: ['praseodymium'],
  dysprosium: ['dysprosium', 'dy oxide', 'dy metal'],
  terbium: ['terbium', 'tb oxide'],
  samarium: ['samarium'],
  gadolinium: ['gadolinium'],
  lutetium: ['lutetium'],
  scandium: ['scandium'],
  yttrium: ['yttrium'],
  holmium: ['holmium'],
  erbium: ['erbium'],
  thulium: ['thulium'],
  europium: ['europium'],
  ytterbium: ['ytterbium'],
  lanthanum: ['lanthanum'],
  cerium: ['cerium'],
  gallium: ['gallium'],
  germanium: ['germanium'],
  antimony: ['antimony'],
  graphite: ['graphite'],
  tungsten: ['tungsten'],
  lithium: ['lithium'],
  cobalt: ['cobalt'],
  nickel: ['nickel'],
  uranium: ['uranium'],
  niobium: ['niobium'],
  zirconium: ['zirconium'],
  vanadium: ['vanadium'],
  titanium: ['titanium'],
  manganese: ['manganese'],
  'iron-nitride': ['iron nitride'],
  'rare-earth-free': ['rare earth free'],
  'rare-earth': ['rare earth', 'heavy rare earth', 'light rare earth', 'ree'],
};

/** A product that stands for several elements. */
export const ELEMENT_PARTS: Readonly<Record<string, readonly string[]>> = {
  ndpr: ['neodymium', 'praseodymium', 'rare-earth'],
  'iron-nitride': ['rare-earth-free'],
  ...Object.fromEntries(
    ['neodymium', 'praseodymium', 'dysprosium', 'terbium', 'samarium', 'gadolinium', 'lutetium', 'scandium', 'yttrium', 'holmium', 'erbium', 'thulium', 'europium', 'ytterbium', 'lanthanum', 'cerium'].map((e) => [e, ['rare-earth']]),
  ),
};

/**
 * Event classes of a headline. Two headlines whose classes contradict (see OPPOSITE_EVENTS) tell different
 * news however alike their words: prices up vs down vs steady, curbs imposed vs lifted, a plant opened vs
 * halted, a memorandum vs a final deal.
 */
export const EVENT_WORDS: Readonly<Record<string, readonly string[]>> = {
  // "raise" is money raised when an amount follows it (see story-signature.ts), else a rise.
  up: ['rise', 'rose', 'jump', 'surge', 'soar', 'climb', 'rally', 'gain', 'spike', 'high', 'highest', 'peak', 'record', 'increase', 'boost', 'lift', 'up', 'recover', 'rebound', 'triple', 'double', 'raise', 'grow', 'expand', 'hike'],
  down: ['fall', 'fell', 'slip', 'drop', 'slump', 'decline', 'ease', 'dip', 'tumble', 'plunge', 'slide', 'low', 'lowest', 'weak', 'weaken', 'loss', 'lower', 'down', 'sink', 'sank', 'shrink', 'cut', 'slash', 'reduce', 'trim'],
  flat: ['steady', 'steadies', 'flat', 'unchanged', 'stable', 'hold'],
  restrict: ['impose', 'duty', 'tariff', 'ban', 'curb', 'restrict', 'restriction', 'control', 'prohibit', 'tighten', 'reinstate', 'reimpose', 'block', 'embargo'],
  relax: ['relax', 'loosen', 'reopen', 'resume', 'allow', 'waive', 'exempt'],
  start: ['open', 'launch', 'begin', 'start', 'commission', 'inaugurate', 'unveil', 'create', 'kick'],
  stop: ['halt', 'suspend', 'suspension', 'shut', 'pause', 'stop', 'idle', 'shelve', 'scrap', 'abandon'],
  again: ['reinstate', 'reimpose', 'restore'],
  defer: ['delay', 'postpone', 'defer', 'extend', 'push', 'prolong'],
  review: ['reconsider', 'review', 'rethink'],
  /** An inquiry that may lead to duties: the duties themselves are a later, different story. */
  probe: ['probe', 'investigate', 'investigation', 'inquiry'],
  talks: ['talk', 'consider', 'weigh', 'eye', 'explore', 'negotiate', 'discuss'],
  mou: ['mou', 'memorandum', 'loi', 'nonbinding'],
  /** Agreeing to a deal, which completing it later is a different story from. */
  agree: ['agree'],
  final: ['finalize', 'final', 'binding', 'definitive'],
  /** A deal done (a takeover closed), which agreeing to it earlier is not. */
  complete: ['complete', 'completion', 'finish', 'close'],
  seize: ['seize', 'capture', 'overrun'],
  divest: ['divest', 'divestment', 'sell', 'force'],
  // "fid": a final investment decision (story-text.ts writes the phrase so) approves a project; it completes no deal.
  approve: ['approve', 'renew', 'renewal', 'clear', 'license', 'fid'],
  acquire: ['buy', 'acquire', 'acquisition', 'takeover', 'purchase'],
  fund: ['invest', 'investment', 'fund', 'funding', 'loan', 'lend', 'grant', 'award', 'finance', 'financing', 'commit', 'commitment', 'raise', 'stake', 'backing'],
  /**
   * A contract, licence or plan withdrawn or refused: never the same news as one won or granted.
   * ("Lose" before prices or shares is a fall, see story-signature.ts.)
   */
  cancel: ['cancel', 'terminate', 'revoke', 'rescind', 'withdraw', 'reject', 'deny', 'refuse', 'veto', 'lose'],
  /** A leader leaving and a successor named are two announcements (often days apart). */
  leave: ['resign', 'resignation', 'retire', 'retirement', 'quit', 'depart', 'departure', 'oust'],
  // "Name" only before a role (see story-signature.ts): "names 47 strategic projects" appoints no one.
  appoint: ['appoint', 'appointment', 'hire', 'successor'],
  cost: ['cost', 'capex', 'budget', 'blowout', 'overrun'],
  study: ['study', 'feasibility', 'prefeasibility', 'pfs', 'dfs', 'scoping', 'pea'],
  // Nouns that name a thing (a deposit, a mine's output) are no event: "begins mining at X deposit" reports no resource.
  resource: ['resource', 'reserve', 'discovery', 'drill', 'drilling', 'assay', 'intercept'],
  result: ['profit', 'loss', 'revenue', 'earnings', 'sales', 'result'],
  produce: ['produce', 'make', 'deliver'],
};

/** Classes that name what happened (a direction alone does not): headlines with none in common tell different events. */
export const STRONG_EVENTS: ReadonlySet<string> = new Set(['restrict', 'relax', 'start', 'stop', 'review', 'probe', 'talks', 'mou', 'agree', 'final', 'complete', 'leave', 'appoint', 'cancel', 'seize', 'divest', 'approve', 'acquire', 'fund', 'produce', 'result', 'defer', 'again', 'study', 'resource', 'cost']);

/** Classes so telling that an item that never mentions them cannot be the same story (a delay, a sale, a seizure). */
export const DECISIVE_EVENTS: ReadonlySet<string> = new Set(['stop', 'defer', 'divest', 'seize', 'relax', 'again', 'cancel']);

/** A verb that, put before a curb word ("lift the ban", "suspends curbs"), turns it into its opposite. */
export const REVERSING_VERBS: ReadonlySet<string> = new Set(['lift', 'suspend', 'pause', 'ease', 'scrap', 'end', 'remove', 'relax', 'drop', 'waive', 'loosen', 'exempt']);

/** Pairs of event classes that cannot both describe one piece of news. */
export const OPPOSITE_EVENTS: readonly (readonly [string, string])[] = [
  ['up', 'down'],
  ['up', 'flat'],
  ['down', 'flat'],
  ['restrict', 'relax'],
  ['start', 'stop'],
  ['mou', 'final'],
  ['talks', 'final'],
  ['talks', 'mou'],
  ['seize', 'relax'],
  ['divest', 'approve'],
  ['cancel', 'approve'],
  ['cancel', 'fund'],
  ['review', 'start'],
  // Follow-ups: duties after a probe, completion after an agreement are new alerts.
  ['probe', 'restrict'],
  ['agree', 'complete'],
  ['mou', 'complete'],
  ['talks', 'complete'],
];
